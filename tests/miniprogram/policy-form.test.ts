/**
 * The policy editor's helpers. The form is checked with the contract's own schema (the
 * generated validators): these tests feed the same payloads to the form's check and to the
 * server's schema and expect the same verdict, field by field.
 */
import { DEFAULT_POLICY as SERVER_DEFAULT } from '../../typings/contracts/default-policy';
import { DUTY_EVENT_TYPES, ledger } from '../../typings/contracts';
import { DEFAULT_POLICY } from '../../miniprogram/generated/contract';
import {
  bodyFromForm,
  checkPolicy,
  flipSign,
  issuesOf,
  numberOf,
  placeIssues,
} from '../../miniprogram/pages/staff/policy/form-issues';
import {
  bodyOf,
  DEFAULT_CATEGORIES,
  DEFAULT_RULES,
  DUTY_EVENTS,
  formFromPolicy,
  restoreRule,
  ruleLayout,
  withNewGrade,
  type PolicyForm,
} from '../../miniprogram/pages/staff/policy/policy-form';

const YEAR = 2026;

function defaultForm(): PolicyForm {
  return formFromPolicy(SERVER_DEFAULT);
}

function edit(form: PolicyForm, event: string, patch: Partial<PolicyForm['rules'][number]>) {
  return { ...form, rules: form.rules.map((r) => (r.event === event ? { ...r, ...patch } : r)) };
}

/** The server's verdict on the body the form would send: the dotted paths it refuses. */
function serverPaths(form: PolicyForm): string[] {
  const parsed = ledger.saveDraftPolicy.input.safeParse({ year: YEAR, policy: bodyFromForm(form) });
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
}

/** The form's verdict: the paths of the rows and fields it marks. */
function formPaths(form: PolicyForm): string[] {
  const body = bodyFromForm(form);
  const result = checkPolicy(YEAR, form);
  if (result.ok) return [];
  const paths: string[] = [];
  const { errors } = result;
  for (const [field, message] of Object.entries(errors.fields))
    if (message) paths.push(`policy.${field}`);
  errors.categories.forEach((m, i) => m && paths.push(`policy.categories.${i}`));
  errors.grades.forEach((m, i) => m && paths.push(`policy.grades.${i}`));
  errors.rules.forEach((m, i) => {
    const at = body.rules.findIndex((r) => r.event === form.rules[i]!.event);
    if (m) paths.push(`policy.rules.${at}`);
  });
  return paths;
}

/** A server path cut to the row or field the form marks. */
function rowOf(path: string): string {
  const parts = path.split('.');
  return ['categories', 'rules', 'grades'].includes(parts[1] ?? '') && parts.length > 2
    ? parts.slice(0, 3).join('.')
    : parts.slice(0, 2).join('.');
}

describe('the built-in policy', () => {
  it('is the server’s, every duty event in the contract order', () => {
    expect(DEFAULT_POLICY).toEqual(SERVER_DEFAULT);
    expect([...DUTY_EVENTS]).toEqual([...DUTY_EVENT_TYPES]);
    expect(DUTY_EVENTS.map((event) => ({ event, ...DEFAULT_RULES[event] }))).toEqual(
      SERVER_DEFAULT.rules,
    );
    expect(DEFAULT_CATEGORIES).toEqual(SERVER_DEFAULT.categories);
  });
});

describe('the form and the server reject the same inputs', () => {
  const base = defaultForm();
  const cases: Array<[string, PolicyForm]> = [
    ['the policy it was made from', base],
    [
      'a removed rule and a true minus sign',
      edit(edit(base, 'manual.award', { removed: true }), 'plenary.absent', { points: '−12.5' }),
    ],
    ['points with two decimals', edit(base, 'reading.note', { points: '1.25' })],
    ['points that are not a number', edit(base, 'reading.note', { points: 'abc' })],
    ['points left blank', edit(base, 'reading.note', { points: '' })],
    ['points over 1000', edit(base, 'reading.note', { points: '1001' })],
    ['a category that is gone', edit(base, 'reading.note', { category: 'nowhere' })],
    ['a group that is not a code', edit(base, 'studio.consultation.hosted', { group: '工作室' })],
    ['a blank title', { ...base, title: '  ' }],
    ['a title too long', { ...base, title: '考'.repeat(61) }],
    ['no lowest band', { ...base, grades: base.grades.map((g) => ({ ...g, min: g.min || '50' })) }],
    ['two lowest bands', { ...base, grades: base.grades.map((g) => ({ ...g, min: '' })) }],
    [
      'a cap of 0',
      { ...base, categories: base.categories.map((c, i) => (i === 0 ? { ...c, cap: '0' } : c)) },
    ],
    ['no category', { ...base, categories: [] }],
    [
      'a blank band name',
      { ...base, grades: base.grades.map((g, i) => (i === 0 ? { ...g, label: '' } : g)) },
    ],
  ];

  it.each(cases)('%s', (_, form) => {
    expect(formPaths(form).sort()).toEqual([...new Set(serverPaths(form).map(rowOf))].sort());
  });

  it('sends the body it checked, numbers as numbers', () => {
    const result = checkPolicy(YEAR, edit(base, 'plenary.absent', { points: '−12.5' }));
    if (!result.ok) throw new Error(result.first);
    expect(result.body.rules.find((r) => r.event === 'plenary.absent')?.points).toBe(-12.5);
    expect(checkPolicy(YEAR, base)).toEqual({ ok: true, body: bodyOf(SERVER_DEFAULT) });
  });

  it('tells each refusal on its row, in the form’s words', () => {
    const result = checkPolicy(YEAR, edit(base, 'reading.note', { points: '1.25' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.first).toBe('「发表读书心得」：分值最多保留一位小数');
      expect(result.errors.rules.filter(Boolean)).toEqual([result.first]);
    }
    expect(ruleLayout(edit(base, 'reading.note', { category: 'nowhere' })).orphans).toHaveLength(1);
  });
});

describe('form edits', () => {
  it('reads points typed with full-width digits or a true minus sign', () => {
    expect(numberOf('−3.5')).toBe(-3.5);
    expect(numberOf('１０')).toBe(10);
    expect(numberOf('2.50')).toBe(2.5);
    expect(numberOf('abc')).toBe('abc');
  });

  it('flips signs', () => {
    expect(flipSign('5')).toBe('-5');
    expect(flipSign('-5')).toBe('5');
    expect(flipSign('0')).toBe('0');
    expect(flipSign('')).toBe('');
  });

  it('re-adds a rule with its default category when that category is gone', () => {
    const base = defaultForm();
    const form = {
      ...edit(base, 'reading.note', { removed: true }),
      categories: base.categories.filter((c) => c.id !== 'reading'),
    };
    const index = form.rules.findIndex((r) => r.event === 'reading.note');
    const restored = restoreRule(form, index);
    expect(restored.rules[index]).toMatchObject({ removed: false, category: 'reading' });
    expect(restored.categories.at(-1)).toEqual({ id: 'reading', label: '书香政协', cap: '5' });
  });

  it('puts a new band above the lowest', () => {
    const { grades, index } = withNewGrade(defaultForm().grades);
    expect(index).toBe(3);
    expect(grades.map((g) => g.label)).toEqual(['优秀', '良好', '称职', '', '不称职']);
  });
});

describe('server issues', () => {
  it('places each issue on its row, with its path', () => {
    const form = defaultForm();
    const body = bodyFromForm(form);
    const issues = issuesOf({
      issues: [
        { path: 'policy.rules.2.points', message: '分值最多保留一位小数' },
        { path: 'policy.categories.1.cap', message: 'Too small' },
        { path: 'policy.title', message: '太长' },
        { path: 'year', message: 'Invalid' },
      ],
    });
    const { errors, lines } = placeIssues(issues, body, form);
    expect(lines).toEqual([
      '「全体会议无故缺席（每半天）」：分值最多保留一位小数（policy.rules.2.points）',
      '类别「视察调研等活动」上限：Too small（policy.categories.1.cap）',
      '标题：太长（policy.title）',
      'Invalid（year）',
    ]);
    // A message that names its field is not prefixed with the name again.
    expect(
      placeIssues([{ path: 'policy.title', message: '标题不能超过 60 个字' }], body, form).messages,
    ).toEqual(['标题不能超过 60 个字']);
    expect(errors.rules[2]).toBe('「全体会议无故缺席（每半天）」：分值最多保留一位小数');
    expect(errors.categories[1]).toBe('类别「视察调研等活动」上限：Too small');
    expect(errors.fields.title).toBe('标题：太长');
  });

  it('reads no issues from odd details', () => {
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf({ issues: 'x' })).toEqual([]);
  });
});
