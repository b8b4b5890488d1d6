import type { PolicyBody, PolicyView } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { storageKey } from '../../../miniprogram/pages/staff/policy/local-draft';
import { bodyOf } from '../../../miniprogram/pages/staff/policy/policy-form';
import { resetSession } from '../../../miniprogram/services/session';
import { businessYear } from '../../../miniprogram/utils/ledger';
import {
  aDraft,
  aPreview,
  inForce,
  installPolicyStorage,
  policiesFor,
  signedInAs,
} from '../support/policy-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/policy/index';
const defaults = { ...config };
const YEAR = businessYear();
let platform: ReturnType<typeof installPolicyStorage>;

beforeEach(() => {
  resetWx();
  resetSession();
  platform = installPolicyStorage();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

async function open(): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', {});
  return page;
}

/** An admin with a saved draft for this year. */
async function openAsAdmin(draft: PolicyView | null = aDraft(YEAR)): Promise<PageComponent> {
  signedInAs('admin');
  policiesFor(YEAR, draft);
  return open();
}

function textAt(page: PageComponent, selector: string, index = 0): string {
  const node = selectAll(page, selector)[index];
  if (!node) throw new Error(`nothing matches ${selector} [${index}]`);
  return textOf(node);
}

/** The n-th modal's options. */
function modal(n: number): { title: string; content: string; confirmText?: string } {
  const call = wxMock.showModal.mock.calls[n] as [{ title: string; content: string }] | undefined;
  if (!call) throw new Error(`no modal #${n}`);
  return call[0];
}

/** Types into the `index`-th TDesign input matching `selector` (typeInto takes the first). */
async function typeAt(page: PageComponent, selector: string, value: string, index: number) {
  const input = selectAll(page, selector)[index]?.querySelector('.t-input__control');
  if (!input) throw new Error(`${selector} [${index}] has no input`);
  input.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await flush();
}

function refuseNextModal() {
  wxMock.showModal.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'showModal:ok', confirm: false, cancel: true }),
  );
}

describe('policy page (考核办法): loading', () => {
  it('loads the policy in force and, for an admin, the draft to edit', async () => {
    const page = await openAsAdmin();

    expect(payloads('ledger.getPolicy')).toEqual([{ year: YEAR }, { year: YEAR, draft: true }]);
    expect(textAt(page, '.status__row', 0)).toBe('在用第 2 版 已发布');
    expect(textAt(page, '.status__row', 1)).toBe('编辑草稿');
    expect(textAt(page, '.status')).toContain('2025-01-10 由管理员发布');
    expect(page.data.form.title).toBe(`${YEAR} 年度委员履职量化考核办法（修订稿）`);
    // The draft scores a plenary half-day 6 (the policy in force: 5).
    expect(page.data.form.rules[0]).toMatchObject({ event: 'plenary.attended', points: '6' });
    expect(selectAll(page, '.category')).toHaveLength(5);
    // A category with no scoring rule shows no rules group.
    expect(selectAll(page, '.rules-group')).toHaveLength(4);
    expect(textAt(page, '.rules-group', 0)).toContain('出席全体会议（每半天）');
    expect(textAt(page, '.rules-group', 3)).toContain('报送社情民意信息');
    expect(textAt(page, '.rules-group', 3)).toContain('领衔得一半其余均分');
    expect(textAt(page, '.rules-group', 2)).toContain('同组只计最高：proposal.merit');
    // The events the policy gives no rule are listed, to re-add from the default.
    expect(textAt(page, '.removed')).toContain('提交提案');
    expect(textAt(page, '.removed')).toContain('办公室认定的履职事项');
    expect(exists(page, '.save-button')).toBe(true);
    expect(exists(page, '.publish-button')).toBe(true);
  });

  it('starts the draft from the policy in force when there is none', async () => {
    const page = await openAsAdmin(null);

    expect(exists(page, '.status-draft')).toBe(false);
    expect(textAt(page, '.status')).toContain('尚无草稿');
    expect(page.data.form.title).toBe('2025 年度委员履职量化考核办法');
    expect(page.data.form.rules[0]).toMatchObject({ event: 'plenary.attended', points: '5' });
  });

  it('says 默认 while nothing is published for the year, and offers no recompute', async () => {
    signedInAs('admin');
    policiesFor(
      YEAR + 1,
      null,
      inForce(YEAR + 1, { version: 0, status: 'default', publishedAt: null, publishedBy: null }),
    );
    const page = await open();
    await tap(page, '.year', 1);

    expect(payloads('ledger.getPolicy').slice(-2)).toEqual([
      { year: YEAR + 1 },
      { year: YEAR + 1, draft: true },
    ]);
    expect(textAt(page, '.status__row', 0)).toBe('在用默认');
    expect(textOf(page)).toContain('尚未发布考核办法，按系统默认办法记分');
    expect(exists(page, '.recompute')).toBe(false);
  });

  it('shows staff the policy in force to read, without asking for the draft', async () => {
    signedInAs('staff');
    policiesFor(YEAR, aDraft(YEAR));
    const page = await open();

    expect(payloads('ledger.getPolicy')).toEqual([{ year: YEAR }]);
    expect(textOf(page)).toContain('只有管理员可以修改和发布考核办法');
    expect(textAt(page, '.readonly')).toContain('出席全体会议（每半天）+5');
    expect(textAt(page, '.readonly')).toContain('优秀：90 分及以上');
    expect(exists(page, '.save-button')).toBe(false);
    expect(exists(page, '.preview-button')).toBe(true);
  });

  it('turns a member away', async () => {
    signedInAs('member');
    policiesFor(YEAR, null);
    const page = await open();

    expect(exists(page, '.state--forbidden')).toBe(true);
    await tap(page, '.my-record-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/ledger/my/index' });
  });

  it('shows an error with a retry button', async () => {
    signedInAs('admin');
    answerWith('ledger.getPolicy', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN, ok(inForce(YEAR)));
    const page = await open();
    expect(textOf(page)).toContain('服务暂时无法连接');

    answerWith('ledger.getPolicy', (payload) =>
      (payload as { draft?: boolean }).draft
        ? fail('LEDGER.NO_DRAFT', '该年度没有待发布的考核办法草稿')
        : ok(inForce(YEAR)),
    );
    await tap(page, '.retry');

    expect(exists(page, '.save-button')).toBe(true);
  });
});

describe('policy page: editing and saving', () => {
  it("sends the whole body when a rule's points are changed and saved", async () => {
    const draft = aDraft(YEAR);
    const page = await openAsAdmin(draft);
    answerWith('ledger.saveDraftPolicy', (payload) =>
      ok({ ...draft, ...(payload as { policy: PolicyBody }).policy }),
    );

    await typeInto(page, '.rule-points', '7.5');
    expect(platform.storage.has(storageKey(YEAR))).toBe(true);
    expect(textAt(page, '.status__row', 1)).toBe('编辑草稿有未保存的修改');
    await tap(page, '.save-button');

    const expected = bodyOf(draft);
    expected.rules[0] = { ...expected.rules[0]!, points: 7.5 };
    expect(payloads('ledger.saveDraftPolicy')).toEqual([{ year: YEAR, policy: expected }]);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '草稿已保存' }));
    expect(platform.storage.has(storageKey(YEAR))).toBe(false);
    expect(exists(page, '.status-dirty')).toBe(false);
  });

  it('flips the sign with ± (number keyboards have no minus key)', async () => {
    const page = await openAsAdmin();

    await tap(page, '.sign-toggle', 1);
    expect(page.data.form.rules[1]).toMatchObject({ event: 'plenary.absent', points: '10' });
    await tap(page, '.sign-toggle', 1);
    expect(page.data.form.rules[1]).toMatchObject({ points: '-10' });
  });

  it('blocks a bad value locally and sends nothing', async () => {
    const page = await openAsAdmin();

    await typeInto(page, '.rule-points', '7.55');
    await tap(page, '.save-button');

    expect(callsTo('ledger.saveDraftPolicy')).toHaveLength(0);
    expect(textAt(page, '.rule__error')).toBe('「出席全体会议（每半天）」：分值最多保留一位小数');
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '请修改后再保存' }),
    );
  });

  it('requires exactly one lowest grade band', async () => {
    const page = await openAsAdmin();

    await typeAt(page, '.grade-min', '', 2);
    await tap(page, '.save-button');

    expect(callsTo('ledger.saveDraftPolicy')).toHaveLength(0);
    expect(textAt(page, '.error--grades')).toBe('档次：须有且只有一个最低档（不设分数线）');
  });

  it("shows the server's refusal and where it points", async () => {
    const page = await openAsAdmin();
    answerWith(
      'ledger.saveDraftPolicy',
      fail('REQUEST.INVALID', '提交的内容有误：policy.rules.3.category 类别「proposals」不存在', {
        issues: [
          { path: 'policy.rules.3.category', message: '类别「proposals」不存在' },
          { path: 'policy.grades', message: '须有且只有一个最低档（不设分数线）' },
        ],
      }),
    );

    await tap(page, '.save-button');

    const issues = textAt(page, '.server-issues');
    expect(issues).toContain('提交的内容有误：policy.rules.3.category 类别「proposals」不存在');
    expect(issues).toContain(
      '「提案立案（领衔）」：类别「proposals」不存在（policy.rules.3.category）',
    );
    expect(issues).toContain('档次：须有且只有一个最低档（不设分数线）（policy.grades）');
    expect(textAt(page, '.rules-group', 2)).toContain(
      '「提案立案（领衔）」：类别「proposals」不存在',
    );
    expect(page.data.dirty).toBe(false);
  });

  it('says clearly when the account may not save', async () => {
    const page = await openAsAdmin();
    answerWith('ledger.saveDraftPolicy', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));

    await typeInto(page, '.rule-points', '8');
    await tap(page, '.save-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '没有权限',
        content: expect.stringContaining('只有管理员可以保存和发布考核办法') as unknown,
      }),
    );
    expect(platform.storage.has(storageKey(YEAR))).toBe(true);
  });

  it('keeps unsaved edits on the phone and puts them back next time', async () => {
    const first = await openAsAdmin();
    await typeInto(first, '.rule-points', '9');

    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});

    expect(page.data.form.rules[0]).toMatchObject({ points: '9' });
    expect(exists(page, '.restored')).toBe(true);
    expect(exists(page, '.stale-basis')).toBe(false);

    await tap(page, '.discard-local');
    expect(page.data.form.rules[0]).toMatchObject({ points: '6' });
    expect(exists(page, '.restored')).toBe(false);
  });

  it('removes a rule (the event then scores nothing) and re-adds it', async () => {
    const draft = aDraft(YEAR);
    const page = await openAsAdmin(draft);
    answerWith('ledger.saveDraftPolicy', (payload) =>
      ok({ ...draft, ...(payload as { policy: PolicyBody }).policy }),
    );

    await tap(page, '.rule__more', 1);
    await tap(page, '.remove-rule');
    expect(textAt(page, '.removed')).toContain('全体会议无故缺席（每半天）');
    await tap(page, '.save-button');
    const sent = (payloads('ledger.saveDraftPolicy')[0] as { policy: PolicyBody }).policy;
    expect(sent.rules.map((r) => r.event)).not.toContain('plenary.absent');

    // 提交提案 is not in the policy: it comes back with the default's label and points.
    const removed = selectAll(page, '.removed-rule');
    const index = removed.findIndex((n) => textOf(n).includes('提交提案'));
    await tap(page, '.restore-rule', index);
    expect(textAt(page, '.rules-group', 2)).toContain('提交提案');
    await tap(page, '.save-button');
    const again = (payloads('ledger.saveDraftPolicy')[1] as { policy: PolicyBody }).policy;
    expect(again.rules.find((r) => r.event === 'proposal.submitted')).toEqual({
      event: 'proposal.submitted',
      label: '提交提案',
      category: 'proposals',
      points: 5,
      split: 'leadHalf',
    });
  });
});

describe('policy page: publishing', () => {
  it('asks for confirmation, explaining that posted entries keep their version', async () => {
    const page = await openAsAdmin();
    answerWith('ledger.publishPolicy', ok(inForce(YEAR, { version: 3 })));
    refuseNextModal();

    await tap(page, '.publish-button');

    expect(modal(0).title).toBe('发布考核办法');
    expect(modal(0).content).toContain('已记的积分仍按原来的版本计算，直到执行“重算”');
    expect(callsTo('ledger.publishPolicy')).toHaveLength(0);
  });

  it('publishes the saved draft, then offers the recompute preview', async () => {
    const page = await openAsAdmin();
    answerWith('ledger.publishPolicy', ok(inForce(YEAR, { version: 3 })));
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));

    await tap(page, '.publish-button');

    // Nothing unsaved: the draft on the server is published as it is.
    expect(callsTo('ledger.saveDraftPolicy')).toHaveLength(0);
    expect(payloads('ledger.publishPolicy')).toEqual([{ year: YEAR }]);
    expect(modal(1).title).toBe('已发布第 3 版');
    expect(textAt(page, '.status__row', 0)).toBe('在用第 3 版 已发布');
    expect(exists(page, '.status-draft')).toBe(false);
    expect(payloads('ledger.previewRecompute')).toEqual([{ year: YEAR }]);
    expect(textAt(page, '.recompute')).toContain('王建华');
  });

  it('saves unsaved edits before publishing', async () => {
    const draft = aDraft(YEAR);
    const page = await openAsAdmin(draft);
    answerWith('ledger.saveDraftPolicy', (payload) =>
      ok({ ...draft, ...(payload as { policy: PolicyBody }).policy }),
    );
    answerWith('ledger.publishPolicy', ok(inForce(YEAR, { version: 3 })));
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));

    await typeInto(page, '.rule-points', '8');
    await tap(page, '.publish-button');

    const saved = callsTo().filter(
      (c) => c.action.startsWith('ledger.') && c.action !== 'ledger.getPolicy',
    );
    expect(saved.map((c) => c.action).slice(0, 2)).toEqual([
      'ledger.saveDraftPolicy',
      'ledger.publishPolicy',
    ]);
  });
});

describe('policy page: recompute', () => {
  async function openAsStaff(): Promise<PageComponent> {
    signedInAs('staff');
    policiesFor(YEAR, null, inForce(YEAR, { version: 3 }));
    return open();
  }

  it('previews the changes: each member before → after (delta)', async () => {
    const page = await openAsStaff();
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));

    await tap(page, '.preview-button');

    expect(payloads('ledger.previewRecompute')).toEqual([{ year: YEAR }]);
    const text = textAt(page, '.recompute');
    expect(text).toContain('40 位委员的积分仍按第 2 版计算；按第 3 版重算后，2 人的总分会变化');
    expect(textAt(page, '.change', 0)).toBe('王建华85.5→90.5（+5）');
    expect(textAt(page, '.change', 1)).toBe('李秀英62→52（−10）');
    expect(exists(page, '.change__delta.points--minus')).toBe(true);
  });

  it('says when nothing is left to recompute', async () => {
    const page = await openAsStaff();
    answerWith(
      'ledger.previewRecompute',
      ok(aPreview(YEAR, { members: 0, changed: [], fromVersions: [] })),
    );

    await tap(page, '.preview-button');

    expect(textOf(page)).toContain('全部委员的积分已按第 3 版计算，无需重算');
    expect(exists(page, '.apply-button')).toBe(false);
  });

  const job = (done: number, status = 'running', error: string | null = null) => ({
    id: `recompute:${YEAR}:v3`,
    label: '重算积分',
    status,
    done,
    total: 212,
    error,
  });

  it('runs as a job: shows its progress, asks on while it runs, then sums up', async () => {
    const page = await openAsStaff();
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));
    answerWith('ledger.applyRecompute', ok(job(25)), ok(job(100)), ok(job(212, 'done')));
    await tap(page, '.preview-button');
    jest.useFakeTimers();
    try {
      const tapped = tap(page, '.apply-button');
      for (let i = 0; i < 20; i += 1) await jest.advanceTimersByTimeAsync(1);
      await tapped;
      expect(modal(0).title).toBe('执行重算');
      expect(modal(0).content).toContain('将按第 3 版重新计算 40 位委员的积分');
      expect(textOf(page)).toContain('重算积分进行中：25 / 212');
      await jest.advanceTimersByTimeAsync(1000);
      expect(textOf(page)).toContain('100 / 212');
      await jest.advanceTimersByTimeAsync(1000);
    } finally {
      jest.useRealTimers();
    }
    expect(payloads('ledger.applyRecompute')).toEqual([
      { year: YEAR },
      { year: YEAR },
      { year: YEAR },
    ]);
    expect(textAt(page, '.progress')).toMatch(
      /^重算完成：已处理 212 人，其中 \d+ 人的积分有调整。$/,
    );
    expect(exists(page, '.apply-button')).toBe(false);
  });

  it('does nothing when the confirmation is declined', async () => {
    const page = await openAsStaff();
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));
    await tap(page, '.preview-button');
    refuseNextModal();

    await tap(page, '.apply-button');

    expect(callsTo('ledger.applyRecompute')).toHaveLength(0);
  });

  it('says why a run stopped, and 继续重算 sets it going again', async () => {
    const page = await openAsStaff();
    answerWith('ledger.previewRecompute', ok(aPreview(YEAR)));
    answerWith(
      'ledger.applyRecompute',
      ok(job(100, 'failed', '积分账户写入失败')),
      ok(job(212, 'done')),
    );
    await tap(page, '.preview-button');

    await tap(page, '.apply-button');
    expect(textAt(page, '.apply-error')).toBe('重算中断：积分账户写入失败（已处理 100 人）');
    expect(textAt(page, '.recompute')).toMatch(/继续重算$/);

    await tap(page, '.apply-button');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1); // no second confirmation to go on
    expect(payloads('ledger.applyRecompute')).toEqual([{ year: YEAR }, { year: YEAR }]);
    expect(textAt(page, '.progress')).toMatch(/^重算完成：已处理 212 人/);
  });
});
