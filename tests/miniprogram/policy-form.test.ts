/**
 * The policy editor's helpers. The mini-program cannot import the contract's values or the
 * built-in policy (files outside its root are not packaged), so it keeps copies: these catch
 * drift, and check that what the form lets through is what the server's schema accepts.
 */
import { DEFAULT_POLICY } from '../../cloudfunctions/modules/ledger/default-policy';
import {
  DUTY_EVENT_TYPES,
  SPLITS as CONTRACT_SPLITS,
  ledger,
  policyBodySchema,
} from '../../typings/contracts';
import {
  bodyOf,
  checkForm,
  DEFAULT_CATEGORIES,
  DEFAULT_RULES,
  DUTY_EVENTS,
  flipSign,
  formFromPolicy,
  issuesOf,
  parsePoints,
  placeIssues,
  restoreRule,
  ruleLayout,
  SPLITS,
  withNewGrade,
  type PolicyForm,
} from '../../miniprogram/pages/staff/policy/policy-form';

function defaultForm(): PolicyForm {
  return formFromPolicy(DEFAULT_POLICY);
}

function edit(form: PolicyForm, event: string, patch: Partial<PolicyForm['rules'][number]>) {
  return { ...form, rules: form.rules.map((r) => (r.event === event ? { ...r, ...patch } : r)) };
}

describe('mirrored values', () => {
  it('has every duty event, in the contract order', () => {
    expect(DUTY_EVENTS).toEqual([...DUTY_EVENT_TYPES]);
  });

  it("has the built-in policy's rules and categories", () => {
    expect(DUTY_EVENTS.map((event) => ({ event, ...DEFAULT_RULES[event] }))).toEqual(
      DEFAULT_POLICY.rules,
    );
    expect(DEFAULT_CATEGORIES).toEqual(DEFAULT_POLICY.categories);
  });

  it('has the contract splits', () => {
    expect([...SPLITS]).toEqual([...CONTRACT_SPLITS]);
  });
});

describe('checkForm', () => {
  it('gives back the policy it was made from', () => {
    const result = checkForm(defaultForm());
    expect(result).toEqual({ ok: true, body: bodyOf(DEFAULT_POLICY) });
    if (result.ok) expect(policyBodySchema.safeParse(result.body).success).toBe(true);
  });

  it('leaves removed rules out, and the body passes the save schema', () => {
    const form = edit(defaultForm(), 'manual.award', { removed: true });
    const result = checkForm(edit(form, 'plenary.absent', { points: '−12.5' }));
    if (!result.ok) throw new Error(result.first);
    expect(result.body.rules.map((r) => r.event)).not.toContain('manual.award');
    expect(result.body.rules.find((r) => r.event === 'plenary.absent')?.points).toBe(-12.5);
    const parsed = ledger.saveDraftPolicy.input.safeParse({ year: 2026, policy: result.body });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['1.25', '分值最多保留一位小数'],
    ['abc', '分值须为数字'],
    ['', '请填写分值'],
    ['1001', '分值须在 −1000 到 1000 之间'],
  ])('refuses points %j', (points, message) => {
    const result = checkForm(edit(defaultForm(), 'reading.note', { points }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const index = result.errors.rules.findIndex(Boolean);
      expect(result.errors.rules[index]).toBe(`「提交读书心得」${message}`);
    }
  });

  it('refuses a rule whose category is gone, and a bad group name', () => {
    let form = edit(defaultForm(), 'reading.note', { category: 'nowhere' });
    form = edit(form, 'studio.consultation.hosted', { group: '工作室' });
    const result = checkForm(form);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.rules.filter(Boolean)).toEqual([
        '「提交读书心得」请选择类别',
        '「主持工作室协商活动」同组名称须以字母开头，只含字母、数字、点、下划线和短横线',
      ]);
    }
    expect(ruleLayout(form).orphans).toHaveLength(1);
  });

  it('wants exactly one lowest band and a positive cap', () => {
    const form = defaultForm();
    const none = { ...form, grades: form.grades.map((g) => ({ ...g, min: g.min || '50' })) };
    const two = { ...form, grades: form.grades.map((g) => ({ ...g, min: '' })) };
    const cap = {
      ...form,
      categories: form.categories.map((c, i) => (i === 0 ? { ...c, cap: '0' } : c)),
    };
    const [a, b, c] = [checkForm(none), checkForm(two), checkForm(cap)];
    expect(!a.ok && a.errors.fields.grades).toBe('须有一个最低档（不填分数线）');
    expect(!b.ok && b.errors.fields.grades).toBe(
      '只能有一个最低档（不填分数线），请给其他档次填写分数线',
    );
    expect(!c.ok && c.errors.categories[0]).toBe('「会议出勤」上限须大于 0；不设上限请留空');
  });
});

describe('form edits', () => {
  it('parses points typed with full-width digits or a true minus sign', () => {
    expect(parsePoints('−3.5')).toEqual({ ok: true, value: -3.5 });
    expect(parsePoints('１０')).toEqual({ ok: true, value: 10 });
    expect(parsePoints('2.50')).toEqual({ ok: true, value: 2.5 });
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
    const result = checkForm(form);
    if (!result.ok) throw new Error(result.first);
    const issues = issuesOf({
      issues: [
        { path: 'policy.rules.2.points', message: '分值最多保留一位小数' },
        { path: 'policy.categories.1.cap', message: 'Too small' },
        { path: 'policy.title', message: '太长' },
        { path: 'year', message: 'Invalid' },
      ],
    });
    const { errors, lines } = placeIssues(issues, result.body, form);
    expect(lines).toEqual([
      '「全体会议无故缺席（每半天）」分值：分值最多保留一位小数（policy.rules.2.points）',
      '类别「视察调研等活动」上限：Too small（policy.categories.1.cap）',
      '标题：太长（policy.title）',
      'Invalid（year）',
    ]);
    expect(errors.rules[2]).toBe('「全体会议无故缺席（每半天）」分值：分值最多保留一位小数');
    expect(errors.categories[1]).toBe('类别「视察调研等活动」上限：Too small');
    expect(errors.fields.title).toBe('标题：太长');
  });

  it('reads no issues from odd details', () => {
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf({ issues: 'x' })).toEqual([]);
  });
});
