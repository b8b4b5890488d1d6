import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { COLLECTIONS } from '../../cloudfunctions/store/indexes';
import { deploy, openManager, parseArgs, type Manager } from '../../scripts/deploy';
import type { DeployStep } from '../../scripts/deploy/plan';

const ROOT = join(__dirname, '..', '..');

describe('npm run deploy', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lvzhi-deploy-'));
    mkdirSync(join(root, 'miniprogram'));
    copyFileSync(join(ROOT, 'project.config.json'), join(root, 'project.config.json'));
    copyFileSync(join(ROOT, 'miniprogram/deployment.ts'), join(root, 'miniprogram/deployment.ts'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const calls = (plan: DeployStep[], call: string) => plan.filter((s) => s.call === call);

  it('--dry-run prints the whole plan for an environment and changes nothing', async () => {
    const lines: string[] = [];
    const plan = await deploy({
      ...parseArgs(['--dry-run', '--env', 'cppcc-test-1a2b'], {}),
      appId: 'wx0123456789abcdef',
      env: { SUBSCRIBE_TEMPLATES: '[]' },
      out: (l) => lines.push(l),
      root,
    });
    const printed = lines.join('\n');

    const collections = Object.keys(COLLECTIONS);
    expect(calls(plan, 'database.createCollectionIfNotExists').map((s) => s.args[0])).toEqual(
      collections,
    );
    const indexes = Object.values(COLLECTIONS).flat().length;
    expect(calls(plan, 'database.updateCollection')).toHaveLength(indexes);
    expect(calls(plan, 'permission.modifyResourcePermission')).toHaveLength(collections.length);

    for (const name of Object.keys(FUNCTIONS)) {
      const config = JSON.parse(
        readFileSync(join(ROOT, 'cloudfunctions/functions', name, 'config.json'), 'utf8'),
      ) as { deploy: { timeout: number; memorySize: number } };
      const upload = calls(plan, 'functions.createFunction').find(
        (s) => (s.args[0] as { func: { name: string } }).func.name === name,
      );
      expect(upload?.args[0]).toMatchObject({
        func: {
          timeout: config.deploy.timeout,
          memorySize: config.deploy.memorySize,
          installDependency: false,
          envVariables: { SUBSCRIBE_TEMPLATES: '[]' },
        },
        force: true,
      });
      expect(
        calls(plan, 'functions.updateFunctionConfig').some(
          (s) => (s.args[0] as { name: string; timeout: number }).timeout === config.deploy.timeout,
        ),
      ).toBe(true);
    }
    expect(calls(plan, 'functions.createFunctionTriggers')).toEqual([
      expect.objectContaining({
        args: ['notify', [expect.objectContaining({ type: 'timer', config: '*/10 * * * * * *' })]],
      }),
    ]);
    // Every call is printed with its arguments, then the list for the consoles.
    for (const step of plan) expect(printed).toContain(step.call);
    expect(printed).toContain('"timeout":60');
    expect(printed).toContain('还需要在控制台手动完成');
    expect(printed).toContain('wxa_media_check');
    // Nothing written.
    expect(readFileSync(join(root, 'miniprogram/deployment.ts'), 'utf8')).toContain(
      "cloudEnv: ''",
    );
  }, 60_000);

  it('refuses without an environment id, or with a malformed AppID', async () => {
    const base = { dryRun: true, env: {}, out: () => undefined, root };
    await expect(deploy({ ...base, envId: null, appId: null })).rejects.toThrow('云开发环境 ID');
    await expect(deploy({ ...base, envId: 'cppcc-1', appId: 'touristappid' })).rejects.toThrow(
      'AppID',
    );
    await expect(
      deploy({ ...base, dryRun: false, envId: 'cppcc-1', appId: null }),
    ).rejects.toThrow('TCB_SECRET_ID');
  }, 60_000);

  it('a real run makes each call in order, skips indexes that exist, writes the project', async () => {
    const made: string[] = [];
    const service = (name: string) =>
      new Proxy(
        {},
        {
          get: (_t, method: string) => async (...args: unknown[]) => {
            made.push(`${name}.${method}`);
            if (method === 'checkIndexExists') return { Exists: args[1] === 'phone' };
            return {};
          },
        },
      );
    const manager = {
      database: service('database'),
      functions: service('functions'),
      permission: service('permission'),
    } as unknown as Manager;
    const plan = await deploy({
      dryRun: false,
      envId: 'cppcc-prod-9z8y',
      appId: 'wx0123456789abcdef',
      env: {},
      out: () => undefined,
      manager,
      root,
    });
    const remote = plan.filter((s) => !s.call.startsWith('project.'));
    const checks = plan.filter((s) => s.check).length;
    expect(made.filter((c) => c !== 'database.checkIndexExists')).toHaveLength(
      remote.length - 1, // members.phone exists
    );
    expect(made.filter((c) => c === 'database.checkIndexExists')).toHaveLength(checks);
    expect(readFileSync(join(root, 'miniprogram/deployment.ts'), 'utf8')).toContain(
      'cloudEnv: "cppcc-prod-9z8y"',
    );
    expect(JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')).appid).toBe(
      'wx0123456789abcdef',
    );
  }, 60_000);

  it('calls only what @cloudbase/manager-node has', async () => {
    const real = openManager('cppcc-1', { TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' });
    const plan = await deploy({
      dryRun: true,
      envId: 'cppcc-1',
      appId: null,
      env: {},
      out: () => undefined,
      root,
    });
    const names = new Set(
      plan.flatMap((s) => [s.call, ...(s.check ? [s.check.call] : [])]).filter(
        (c) => !c.startsWith('project.'),
      ),
    );
    for (const name of names) {
      const [service, method] = name.split('.') as [string, string];
      expect({ name, type: typeof real[service]?.[method] }).toEqual({ name, type: 'function' });
    }
  }, 60_000);
});
