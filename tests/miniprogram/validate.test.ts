/**
 * @jest-environment node
 *
 * (esbuild and SQLite need Node's own Buffer, which jsdom replaces.)
 *
 * A mini-program form checks exactly what the server checks: the generated bundle
 * (miniprogram/generated/validators.js), run in its own realm without code generation as in
 * the mini-program, rejects the same inputs with the same messages as the server's pipeline.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import * as fc from 'fast-check';
import {
  DEFAULT_SETTINGS,
  DUTY_EVENT_TYPES,
  contracts,
  type ActionContract,
} from '../../typings/contracts';
import {
  describeIssues,
  summarizeIssues,
  type InputIssue,
} from '../../typings/contracts/validation';
import { makeHarness, type Harness } from '../support/harness';
import { bundleValidators } from '../../scripts/contract/validators';
import { checkInput as kitCheckInput, firstError } from '../../miniprogram/kit/validate';

type Check = (fn: string, action: string, payload: unknown) => InputIssue[];

/**
 * Copies a value into another realm, keeping undefined, NaN, -0 and own `__proto__` keys, so a
 * payload reaches the bundle as the mini-program's own objects (zod names a foreign object's
 * type by its constructor).
 */
const COPY = `(function copy(v) {
  if (Array.isArray(v)) return v.map(copy);
  if (v === null || typeof v !== 'object') return v;
  var out = {};
  Object.keys(v).forEach(function (k) {
    Object.defineProperty(out, k, { value: copy(v[k]), enumerable: true, writable: true, configurable: true });
  });
  return out;
})`;

/** Loads a validators bundle as the mini-program does: its own globals, no eval, no new Function. */
function loadBundle(code: string): Check {
  const module = { exports: {} as { checkInput?: Check } };
  const context = createContext(
    { module, exports: module.exports },
    { codeGeneration: { strings: false, wasm: false } },
  );
  runInContext(code, context);
  const copy = runInContext(COPY, context) as (v: unknown) => unknown;
  const check = module.exports.checkInput!;
  // Plain data back in this realm, so results compare as values.
  return (fn, action, payload) => JSON.parse(JSON.stringify(check(fn, action, copy(payload))));
}

const BUNDLE = readFileSync(join(__dirname, '../../miniprogram/generated/validators.js'), 'utf8');
const miniProgram = loadBundle(BUNDLE);

// The kit's wrapper over the same bundle, loaded in its own realm too, so this file's server
// side keeps zod's normal (jit) configuration.
jest.mock('../../miniprogram/generated/validators', () => {
  const { readFileSync: read } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const { runInNewContext: run } = jest.requireActual<typeof import('node:vm')>('node:vm');
  const { join: at } = jest.requireActual<typeof import('node:path')>('node:path');
  const module = { exports: {} };
  run(read(at(__dirname, '../../miniprogram/generated/validators.js'), 'utf8'), {
    module,
    exports: module.exports,
  });
  return module.exports;
});

/** The server's check, as pipeline.ts's validate() makes it (its locale set by the pipeline). */
function server(fn: string, action: string, payload: unknown): InputIssue[] {
  const contract = (contracts as unknown as Record<string, Record<string, ActionContract>>)[fn]![
    action
  ]!;
  const parsed = contract.input.safeParse(payload);
  return parsed.success ? [] : describeIssues(parsed.error.issues);
}

const at = (iso: string) => iso;
const meetingBody = {
  kind: 'plenary',
  title: '十四届三次全体会议',
  sessions: [
    { label: '开幕', startsAt: at('2026-03-10T01:00:00Z'), endsAt: at('2026-03-10T03:00:00Z') },
  ],
  venue: { name: '政协礼堂', address: '人民路 1 号', latitude: 30.5, longitude: 114.3 },
  requireLocation: true,
  agenda: '审议工作报告',
  materials: [],
  invitees: { mode: 'all' },
  replyDeadline: at('2026-03-08T10:00:00+08:00'),
  checkInWindow: { beforeMinutes: 60, afterMinutes: 30 },
};
const policy = {
  title: '2026 年度委员履职考核办法',
  baseScore: 60,
  categories: [
    { id: 'meetings', label: '参加会议', cap: 20 },
    { id: 'proposals', label: '提案', cap: 30 },
  ],
  rules: [{ event: DUTY_EVENT_TYPES[0], label: '出席全体会议', category: 'meetings', points: 2 }],
  grades: [{ label: '优秀', min: 90 }, { label: '合格', min: 60 }, { label: '不合格' }],
  passLine: 60,
  showRank: false,
};

/** Valid payloads of actions that forms send. */
const FORM_ACTIONS: Array<{ fn: string; action: string; valid: Record<string, unknown> }> = [
  { fn: 'meetings', action: 'create', valid: meetingBody },
  {
    fn: 'meetings',
    action: 'update',
    valid: { meetingId: 'mtg_0001', version: 2, meeting: meetingBody },
  },
  { fn: 'ledger', action: 'saveDraftPolicy', valid: { year: 2026, policy } },
  {
    fn: 'settings',
    action: 'update',
    valid: { version: 0, settings: DEFAULT_SETTINGS, note: '首次发布' },
  },
  {
    fn: 'proposals',
    action: 'saveDraft',
    valid: {
      clientDraftId: 'draft_0001',
      revision: 1,
      title: '关于加快老旧小区改造的建议',
      category: '城乡建设',
      cause: '老旧小区设施陈旧。',
      suggestion: '分批改造，统筹资金。',
      coSignerIds: ['mem_0002'],
      collective: null,
    },
  },
  { fn: 'proposals', action: 'submit', valid: { proposalId: 'prp_0001' } },
  {
    fn: 'opinions',
    action: 'saveDraft',
    valid: { clientDraftId: 'draft_0002', revision: 3, title: '社区养老', body: '情况反映。' },
  },
  { fn: 'opinions', action: 'submit', valid: { opinionId: 'opn_0001' } },
];

/** Every path into a value: where a mutation can land. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v === null || typeof v !== 'object') return v;
  const out = {};
  for (const k of Object.keys(v)) {
    Object.defineProperty(out, k, {
      value: deepCopy((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

type Mutation = { where: number; how: 'replace' | 'delete' | 'extra'; value: unknown };

function mutate(base: unknown, m: Mutation): unknown {
  // Not structuredClone: under jest it builds objects of another realm.
  const copy = deepCopy(base) as Record<string, unknown>;
  const all = paths(copy);
  const path = all[m.where % all.length]!;
  if (path.length === 0) return m.how === 'replace' ? m.value : copy;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], copy);
  const last = path[path.length - 1]!;
  const target = parent as Record<string | number, unknown>;
  // defineProperty, not `=`: an own `__proto__` key stays a key instead of becoming the prototype.
  const put = (k: string | number, v: unknown) =>
    Object.defineProperty(target, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (m.how === 'replace') put(last, m.value);
  else if (m.how === 'delete') {
    if (Array.isArray(target)) target.splice(last as number, 1);
    else delete target[last];
  } else if (!Array.isArray(target)) put(`${String(last)}_extra`, m.value);
  else target.push(m.value);
  return copy;
}

const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, -1, 1e21, 2 ** 53, 0, '', '   ', null, true),
  fc.constantFrom([], {}, undefined, '2026-13-40T00:00:00Z', '2026-03-10', 'A', 'all', 'named'),
  // Oversized and boundary-long text, CJK and padded with spaces the schema trims.
  fc.integer({ min: 0, max: 3100 }).map((n) => '字'.repeat(n)),
  fc.integer({ min: 0, max: 130 }).map((n) => ` ${'a'.repeat(n)} `),
  fc.string({ unit: 'grapheme', maxLength: 70 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}')),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 1100 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  where: fc.nat(),
  how: fc.constantFrom('replace', 'delete', 'extra'),
  value: hostile,
});

describe('the bundled validators and the server', () => {
  it.each(FORM_ACTIONS)('accept the valid payload of $fn.$action', ({ fn, action, valid }) => {
    expect(server(fn, action, valid)).toEqual([]);
    expect(miniProgram(fn, action, valid)).toEqual([]);
  });

  it.each(FORM_ACTIONS)(
    'reject the same changed, oversized and hostile $fn.$action payloads with the same messages',
    ({ fn, action, valid }) => {
      let rejected = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
          const payload = ms.reduce<unknown>((p, m) => mutate(p, m), valid);
          const expected = server(fn, action, payload);
          if (expected.length > 0) rejected += 1;
          expect(miniProgram(fn, action, payload)).toEqual(expected);
        }),
        { numRuns: 150 },
      );
      // The property is not vacuous: most mutations are refused.
      expect(rejected).toBeGreaterThan(30);
    },
  );

  it('reject anything that is not an object the same way', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (payload) => {
        for (const { fn, action } of FORM_ACTIONS) {
          expect(miniProgram(fn, action, payload)).toEqual(server(fn, action, payload));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the real pipeline answers what the form showed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      'settings',
      'update',
      {
        version: 0,
        settings: {
          ...DEFAULT_SETTINGS,
          meetings: { checkInBeforeMinutes: 999, checkInAfterMinutes: -1 },
        },
      },
    ],
    ['meetings', 'create', { ...meetingBody, title: '会'.repeat(61), sessions: [] }],
    ['proposals', 'saveDraft', { clientDraftId: 'x', revision: 0, title: '题'.repeat(61) }],
    [
      'opinions',
      'saveDraft',
      { clientDraftId: 'draft_0002', revision: 1, body: '字'.repeat(1501), extra: 1 },
    ],
    [
      'ledger',
      'saveDraftPolicy',
      { year: 2026, policy: { ...policy, grades: [{ label: '合格', min: 60 }] } },
    ],
  ];

  it.each(cases)(
    '%s.%s: REQUEST.INVALID with the same message and details',
    async (fn, action, payload) => {
      const issues = miniProgram(fn, action, payload);
      expect(issues.length).toBeGreaterThan(0);
      const error = await h.err('demo-admin', `${fn}.${action}`, payload);
      expect(error.code).toBe('REQUEST.INVALID');
      expect(error.message).toBe(summarizeIssues(issues));
      expect(error.message).toBe(
        `提交的内容有误：${issues[0]!.path ? `${issues[0]!.path} ` : ''}${issues[0]!.message}`,
      );
      expect(error.details).toEqual({ issues });
    },
  );

  it('passes validation where the form found nothing wrong', async () => {
    const payload = FORM_ACTIONS.find(
      (a) => a.action === 'saveDraft' && a.fn === 'opinions',
    )!.valid;
    expect(miniProgram('opinions', 'saveDraft', payload)).toEqual([]);
    const res = await h.call('demo-member-01', 'opinions.saveDraft', payload);
    if (!res.ok) expect(res.error.code).not.toBe('REQUEST.INVALID');
  });
});

describe('changing a limit in a contract changes the form check with no other edit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'validators-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a proposal title limit lowered from 60 to 20 rejects a 30-character title', async () => {
    const source = join(__dirname, '../../typings/contracts/proposals.ts');
    const original = readFileSync(source, 'utf8');
    const lowered = original.replace(/(PROPOSAL_LIMITS = \{\s*title: )60,/, '$120,');
    expect(lowered).not.toBe(original);
    const code = await bundleValidators({
      plugins: [
        {
          name: 'changed-contract',
          setup(build) {
            build.onLoad({ filter: /typings[\\/]contracts[\\/]proposals\.ts$/ }, () => ({
              contents: lowered,
              loader: 'ts',
            }));
          },
        },
      ],
    });
    const file = join(dir, 'validators.js');
    writeFileSync(file, code);
    const changed = loadBundle(readFileSync(file, 'utf8'));

    const payload = { clientDraftId: 'draft_0001', revision: 1, title: '题'.repeat(30) };
    expect(miniProgram('proposals', 'saveDraft', payload)).toEqual([]);
    const issues = changed('proposals', 'saveDraft', payload);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('title');
    expect(issues[0]!.message).toMatch(/20/);
    expect(changed('proposals', 'saveDraft', { ...payload, title: '题'.repeat(20) })).toEqual([]);
  });
});

describe('miniprogram/kit/validate', () => {
  const payload = {
    version: -1,
    settings: {
      ...DEFAULT_SETTINGS,
      opinions: { titleMin: 50, titleMax: 20, bodyMin: 0, bodyMax: 300 },
      meetings: { checkInBeforeMinutes: 999, checkInAfterMinutes: 999 },
    },
  };

  it('maps each dotted path to its first message, in the server order', () => {
    const issues = miniProgram('settings', 'update', payload);
    const errors = kitCheckInput('settings', 'update', payload);
    const expected: Record<string, string> = {};
    for (const i of issues) expected[i.path] ??= i.message;
    expect(errors).toEqual(expected);
    expect(Object.keys(errors)).toEqual([...new Set(issues.map((i) => i.path))]);
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(['version', 'settings.meetings.checkInBeforeMinutes']),
    );
    expect(firstError(errors)).toBe(issues[0]!.message);
  });

  it('reports a payload that is not an object under the root path ""', () => {
    const errors = kitCheckInput('opinions', 'submit', 'nope');
    expect(Object.keys(errors)).toEqual(['']);
    expect(firstError(errors)).toBe(miniProgram('opinions', 'submit', 'nope')[0]!.message);
  });

  it('is empty for a valid payload, and firstError is then null', () => {
    const errors = kitCheckInput('opinions', 'submit', { opinionId: 'opn_0001' });
    expect(errors).toEqual({});
    expect(firstError(errors)).toBeNull();
  });
});
