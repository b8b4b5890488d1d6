import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/store/indexes';
import { bundleFunctions } from '../build';
import { BY_HAND, deployPlan, type DeployInput, type DeployStep } from './plan';

/**
 * `npm run deploy -- [--dry-run] [--env <env id>] [--appid <wx…>]`: builds the function
 * bundles, then creates the collections, indexes and security rules, uploads every function
 * with its timeout, memory and triggers (through @cloudbase/manager-node), writes the env id
 * and AppID into the mini-program project, and prints what must still be done by hand.
 * Configuration: TCB_ENV_ID and WX_APPID (or the flags), TCB_SECRET_ID / TCB_SECRET_KEY for a
 * real run (a CAM key of the account), SUBSCRIBE_TEMPLATES passed on to every function. A dry
 * run needs no credentials and changes nothing: it prints every call it would make.
 */
export interface DeployOptions {
  dryRun: boolean;
  envId: string | null;
  appId: string | null;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  /** The manager-node client for a real run (made from the credentials when not given). */
  manager?: Manager;
  /** The project folder the run writes the env id and AppID into (default: this repository). */
  root?: string;
}

/** The part of @cloudbase/manager-node's CloudBase the plan calls: `service.method(...args)`. */
export type Manager = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;

const ROOT = join(__dirname, '..', '..');
const FUNCTION_ROOT = join('build', 'cloudfunctions');

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  return {
    dryRun: argv.includes('--dry-run'),
    envId: value('--env') ?? env.TCB_ENV_ID ?? null,
    appId: value('--appid') ?? env.WX_APPID ?? null,
  };
}

export async function deploy(options: DeployOptions): Promise<DeployStep[]> {
  const { out } = options;
  if (!options.envId || !/^[a-z0-9-]{4,64}$/.test(options.envId))
    throw new Error('需要云开发环境 ID：--env <env id> 或 TCB_ENV_ID（小写字母、数字和 -）');
  if (options.appId !== null && !/^wx[0-9a-f]{16}$/.test(options.appId))
    throw new Error(`AppID 应为 wx 加 16 位十六进制：${options.appId}`);
  const manager = options.dryRun
    ? null
    : (options.manager ?? openManager(options.envId, options.env));
  const root = options.root ?? ROOT;
  const bundles = await bundleFunctions(join(root, FUNCTION_ROOT));
  const input: DeployInput = {
    envId: options.envId,
    appId: options.appId,
    functionRoot: FUNCTION_ROOT,
    bundles,
    collections: COLLECTIONS,
    securityRule: JSON.parse(
      readFileSync(join(ROOT, 'cloudfunctions/store/cloudbase-security-rules.json'), 'utf8'),
    ),
    envVariables: options.env.SUBSCRIBE_TEMPLATES
      ? { SUBSCRIBE_TEMPLATES: options.env.SUBSCRIBE_TEMPLATES }
      : {},
  };
  const plan = deployPlan(input);
  out(
    `${options.dryRun ? '部署计划（--dry-run：不调用任何接口）' : '部署'}：环境 ${options.envId}，${bundles.length} 个云函数，${Object.keys(COLLECTIONS).length} 个集合，${plan.length} 步`,
  );
  for (const [i, step] of plan.entries()) {
    const n = `${String(i + 1).padStart(3)}.`;
    if (!manager) {
      out(`${n} ${step.about}`);
      out(`     ${step.call}(${step.args.map((a) => JSON.stringify(a)).join(', ')})`);
      if (step.check) out(`     已存在则跳过：${step.check.call}(${step.check.args.join(', ')})`);
      continue;
    }
    if (step.check && (await exists(manager, step.check))) {
      out(`${n} ${step.about}：已存在`);
      continue;
    }
    await run(manager, step, root);
    out(`${n} ${step.about}：完成`);
  }
  out('');
  out('还需要在控制台手动完成：');
  for (const [i, item] of BY_HAND.entries()) out(`  ${i + 1}. ${item}`);
  return plan;
}

async function exists(manager: Manager, check: NonNullable<DeployStep['check']>) {
  const answer = (await call(manager, check.call, check.args)) as { Exists?: boolean } | undefined;
  return answer?.Exists === true;
}

async function run(manager: Manager, step: DeployStep, root: string): Promise<void> {
  if (step.call === 'project.write') {
    const [file, fields] = step.args as [string, Record<string, string>];
    writeProjectFile(join(root, file), fields);
    return;
  }
  await call(manager, step.call, step.args);
}

function call(manager: Manager, name: string, args: unknown[]): Promise<unknown> {
  const [service, method] = name.split('.') as [string, string];
  const fn = manager[service]?.[method];
  if (typeof fn !== 'function') throw new Error(`manager-node has no ${name}`);
  return fn.apply(manager[service], args);
}

/** The env id into miniprogram/deployment.ts; the AppID into project.config.json. */
function writeProjectFile(path: string, fields: Record<string, string>): void {
  if (path.endsWith('.json')) {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...json, ...fields }, null, 2) + '\n');
    return;
  }
  const text = readFileSync(path, 'utf8').replace(
    /export const DEPLOYMENT = \{[^}]*\};/,
    `export const DEPLOYMENT = { cloudEnv: ${JSON.stringify(fields.cloudEnv)} };`,
  );
  writeFileSync(path, text);
}

/** The real @cloudbase/manager-node client for the environment (no call is made yet). */
export function openManager(envId: string, env: NodeJS.ProcessEnv): Manager {
  const { TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = env;
  if (!secretId || !secretKey)
    throw new Error(
      '真实部署需要 TCB_SECRET_ID 和 TCB_SECRET_KEY（腾讯云 API 密钥）；只看计划用 --dry-run',
    );
  // Loaded only for a real run: the dry run and the tests never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('@cloudbase/manager-node') as {
    default?: new (c: object) => unknown;
  } & (new (c: object) => unknown);
  const CloudBase = mod.default ?? mod;
  return new CloudBase({ secretId, secretKey, envId }) as Manager;
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2), process.env);
  deploy({ ...args, env: process.env, out: (line) => console.log(line) }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
