/**
 * @jest-environment node
 *
 * (esbuild needs Node's own Buffer and Uint8Array, which jsdom replaces.)
 *
 * miniprogram/generated/ is committed (DevTools and `tsc` need it without a build step); these
 * fail when contract.ts or validators.js/.d.ts no longer match typings/contracts, and check the
 * generator.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import * as contract from '../../typings/contracts';
import * as generated from '../../miniprogram/generated/contract';
import { ERROR_MESSAGES as MP_ERROR_MESSAGES } from '../../miniprogram/services/errors';
import { ROLE_LABELS as MP_ROLE_LABELS } from '../../miniprogram/utils/format';
import {
  OUTPUT,
  contractSource,
  generateAll,
  generateContract,
  type ContractSource,
} from '../../scripts/generate-contract';

/** Loads generated text as a module, the way the mini-program would see it. */
function evaluate(text: string): Record<string, unknown> {
  const js = text
    .replace(/^import type .*$/gm, '')
    .replace(/^export const (\w+)(: \w+)? = /gm, 'exports.$1 = ')
    .replace(/ as const;$/gm, ';');
  const exports: Record<string, unknown> = {};
  new Function('exports', js)(exports);
  return exports;
}

describe('the generated contract module', () => {
  it('is current: every committed file equals a fresh generation (run `npm run contract`)', async () => {
    const files = await generateAll();
    expect(files.map((f) => f.path.replace(/.*\/miniprogram\//, ''))).toEqual([
      'generated/contract.ts',
      'generated/validators.js',
      'generated/validators.d.ts',
    ]);
    for (const { path, text } of files) expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('holds the contract values the mini-program uses', () => {
    expect(generated.ERROR_MESSAGES).toEqual(contract.ERROR_MESSAGES);
    expect(MP_ERROR_MESSAGES).toBe(generated.ERROR_MESSAGES);
    expect(MP_ROLE_LABELS).toBe(generated.ROLE_LABELS);
    expect(generated.PROPOSAL_LIMITS).toEqual(contract.PROPOSAL_LIMITS);
    expect(generated.OPINION_LIMITS).toEqual(contract.OPINION_LIMITS);
    expect(generated.MAX_ROSTER_FILE_BYTES).toBe(contract.MAX_ROSTER_FILE_BYTES);
    expect(generated.MEETING_KINDS).toEqual(contract.MEETING_KINDS);
    expect(generated.DUTY_EVENT_TYPES).toEqual(contract.DUTY_EVENT_TYPES);
    expect(generated.DEFAULT_SETTINGS).toEqual(contract.DEFAULT_SETTINGS);
    // Labels keep the contract's order: pages list their options in it.
    expect(Object.keys(generated.RATING_LABELS)).toEqual(Object.keys(contract.RATING_LABELS));
    expect(Object.entries(generated.INSTRUCTION_LEVEL_LABELS)).toEqual(
      Object.entries(contract.INSTRUCTION_LEVEL_LABELS),
    );
    for (const [fn, actions] of Object.entries(contract.contracts)) {
      expect([...generated.ACTIONS[fn as keyof typeof generated.ACTIONS]]).toEqual(
        Object.keys(actions).sort(),
      );
    }
  });

  it('carries every *_LABELS map and every plain-data UPPER_CASE constant of the contract', () => {
    const names = (mod: object) => Object.keys(mod).filter((k) => k.endsWith('_LABELS'));
    expect(names(generated).sort()).toEqual(names(contract).sort());
    const plain = Object.entries(contract)
      .filter(([k, v]) => /^[A-Z][A-Z0-9_]*$/.test(k) && JSON.stringify(v) !== undefined)
      .map(([k]) => k);
    for (const name of plain) {
      expect((generated as Record<string, unknown>)[name]).toEqual(
        (contract as Record<string, unknown>)[name],
      );
    }
  });

  it('follows a changed contract: a new limit, message, action, label and default', () => {
    const source = contractSource();
    const changed: ContractSource = {
      ...source,
      errorMessages: { ...source.errorMessages, 'PROPOSAL.NEW': '新的错误' },
      actions: { ...source.actions, proposals: [...source.actions.proposals!, 'archive'] },
      constants: {
        ...source.constants,
        PROPOSAL_LIMITS: { ...contract.PROPOSAL_LIMITS, title: 80 },
        MAX_ROSTER_FILE_BYTES: 1024,
        RATING_LABELS: { ...contract.RATING_LABELS, basic: '比较满意' },
        DEFAULT_SETTINGS: {
          ...contract.DEFAULT_SETTINGS,
          meetings: { checkInBeforeMinutes: 45, checkInAfterMinutes: 30 },
        },
      },
    };
    const before = evaluate(generateContract(source));
    const after = evaluate(generateContract(changed));

    expect((before.PROPOSAL_LIMITS as { title: number }).title).toBe(60);
    expect(after.PROPOSAL_LIMITS).toEqual({ ...contract.PROPOSAL_LIMITS, title: 80 });
    expect(after.MAX_ROSTER_FILE_BYTES).toBe(1024);
    expect((after.ERROR_MESSAGES as Record<string, string>)['PROPOSAL.NEW']).toBe('新的错误');
    expect((after.ACTIONS as Record<string, string[]>).proposals).toContain('archive');
    expect((after.RATING_LABELS as Record<string, string>).basic).toBe('比较满意');
    expect(after.DEFAULT_SETTINGS).toEqual(changed.constants.DEFAULT_SETTINGS);
    expect(before.DEFAULT_SETTINGS).toEqual(contract.DEFAULT_SETTINGS);
    expect(after.OPINION_LIMITS).toEqual(before.OPINION_LIMITS);
  });

  it('is deterministic: the input order of codes, actions and constants does not matter', () => {
    const source = contractSource();
    const reversed: ContractSource = {
      ...source,
      errorMessages: Object.fromEntries(Object.entries(source.errorMessages).reverse()),
      actions: Object.fromEntries(
        Object.entries(source.actions)
          .reverse()
          .map(([fn, names]) => [fn, [...names].reverse()]),
      ),
      constants: Object.fromEntries(Object.entries(source.constants).reverse()),
    };
    expect(generateContract(reversed)).toBe(generateContract(source));
  });

  it('keeps declared types, imports only types, and leaves out schemas', () => {
    const text = generateContract(contractSource());
    expect(text).toContain('export const DEFAULT_SETTINGS: SettingsBody = {');
    expect(text).not.toMatch(/\brequire\(|^import (?!type )/m);
    expect(text).not.toMatch(/Schema\b|settingsBody/);
    expect(text.startsWith('/*\n * generated by scripts/generate-contract.ts — do not edit.')).toBe(
      true,
    );
    // A value that is not plain data (a function, a schema) is never copied.
    const withFunction = generateContract({
      ...contractSource(),
      constants: { ODD_VALUE: { at: () => 1 } },
    });
    expect(withFunction).not.toContain('ODD_VALUE');
  });
});

describe('the generated validators bundle', () => {
  const bundle = readFileSync(OUTPUT.replace(/contract\.ts$/, 'validators.js'), 'utf8');

  it('runs where code generation is forbidden, as in the mini-program (no eval, no new Function)', () => {
    const module = { exports: {} as { checkInput?: (...a: unknown[]) => unknown } };
    runInNewContext(
      bundle,
      { module, exports: module.exports },
      {
        contextCodeGeneration: { strings: false, wasm: false },
      },
    );
    const checkInput = module.exports.checkInput!;
    expect(checkInput('settings', 'get', {})).toEqual([]);
    expect(
      checkInput('settings', 'update', { version: 0, settings: contract.DEFAULT_SETTINGS }),
    ).toEqual([]);
    expect(
      checkInput('settings', 'update', { version: -1, settings: contract.DEFAULT_SETTINGS }),
    ).toEqual([{ path: 'version', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    expect(() => checkInput('settings', 'nope', {})).toThrow('unknown action: settings.nope');
  });

  it('is CommonJS for ES2017: no ES2018+ syntax the mini-program base library may lack', () => {
    expect(bundle).not.toMatch(/\?\.|\?\?|\bexport\b|\bimport\(/);
    expect(bundle.length).toBeLessThan(200 * 1024);
  });
});
