import type { Page } from '../../../typings/contracts/envelope';
import {
  DEFAULT_SETTINGS,
  settingsBody,
  type SettingsBody,
  type SettingsVersionSummary,
  type SettingsView,
} from '../../../typings/contracts/settings';
import { config } from '../../../miniprogram/config';
import { checkForm, formFromSettings } from '../../../miniprogram/pages/staff/settings/form';
import { resetSession } from '../../../miniprogram/services/session';
import { signedInAs } from '../support/policy-fixtures';
import { typeText } from '../support/proposal-fixtures';
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

const ROUTE = 'pages/staff/settings/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function aView(version = 1, change: (s: SettingsBody) => void = () => {}): SettingsView {
  const body = clone(DEFAULT_SETTINGS);
  change(body);
  return {
    ...body,
    version,
    updatedAt: version ? '2026-01-05T02:00:00.000Z' : null,
    updatedBy: version ? '系统管理员' : null,
    note: null,
  };
}

function history(...versions: number[]): Page<SettingsVersionSummary> {
  return {
    items: versions.map((v) => ({
      version: v,
      updatedAt: '2026-01-05T02:00:00.000Z',
      updatedBy: '系统管理员',
      note: v === 1 ? '设置大会提案征集时间' : null,
      changed: ['proposals'],
    })),
    total: versions.length,
    page: 1,
    pageSize: 20,
  };
}

async function openAs(role: 'admin' | 'member', view = aView()): Promise<PageComponent> {
  signedInAs(role);
  answerWith('settings.get', ok(view));
  answerWith('settings.getHistory', ok(history(...(view.version ? [view.version] : []))));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

function refuseNextModal() {
  wxMock.showModal.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'showModal:ok', confirm: false, cancel: true }),
  );
}

describe('settings page (委员会设置)', () => {
  it('shows the version in force, who changed it, the sections and the history', async () => {
    const page = await openAs('admin');
    const text = textOf(page);
    expect(text).toContain('第 1 版 · 系统管理员 修改于 2026-01-05 10:00');
    for (const section of ['提案', '社情民意', '会议', '内容发布']) expect(text).toContain(section);
    expect(text).toContain('说明：设置大会提案征集时间');
    expect(page.instance.data.form.numbers['proposals.coSignDays']).toBe('7');
    expect(exists(page, '.category-8')).toBe(true);
  });

  it('says the defaults are in force when nothing was published', async () => {
    const page = await openAs('admin', aView(0));
    expect(textOf(page)).toContain('正在使用默认设置');
    expect(textOf(page)).toContain('还没有修改记录');
  });

  it('is for admins: a member sees it refused and the settings are not asked for', async () => {
    const page = await openAs('member');
    expect(exists(page, '.state--forbidden')).toBe(true);
    expect(callsTo('settings.get')).toHaveLength(0);
  });

  it('offers a retry when the backend cannot be reached', async () => {
    signedInAs('admin');
    answerWith('settings.get', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN);
    answerWith('settings.getHistory', ok(history()));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(exists(page, '.state--error')).toBe(true);
  });

  it('marks a wrong value and sends nothing', async () => {
    const page = await openAs('admin');
    await typeInto(page, '.num-proposals-coSignDays', '0');
    await callPage(page, 'onSave');
    // The contract's own message.
    expect(textOf(page)).toContain('联名确认天数不能小于 1');
    expect(callsTo('settings.update')).toHaveLength(0);
  });

  it('saves after confirmation with the version it started from, then reloads', async () => {
    const page = await openAs('admin');
    await typeInto(page, '.num-proposals-objectionDays', '10');
    await tap(page, '.option--afterReview');
    await typeInto(page, '.note', '按新办法调整');
    answerWith('settings.update', ok(aView(2)));
    answerWith('settings.get', ok(aView(2)));
    answerWith('settings.getHistory', ok(history(2, 1)));
    await callPage(page, 'onSave');
    await flush();
    const [sent] = callsTo('settings.update').map((c) => c.payload) as Array<{
      version: number;
      settings: SettingsBody;
      note: string;
    }>;
    expect(sent).toMatchObject({ version: 1, note: '按新办法调整' });
    expect(sent!.settings.proposals.objectionDays).toBe(10);
    expect(sent!.settings.posts.publishing).toBe('afterReview');
    expect(textOf(page)).toContain('第 2 版');
  });

  it('keeps the reading club settings it was given and sends the word lists as typed', async () => {
    const page = await openAs(
      'admin',
      aView(3, (b) => {
        b.posts = { ...b.posts, noteMax: 1200, reviewWords: ['上访'] };
      }),
    );
    expect(textOf(page)).toContain('读书心得最多');
    await typeInto(page, '.num-posts-reportsToHide', '5');
    await typeText(page, '.blocked-words', '赌博\n代开发票，赌博');
    answerWith('settings.update', ok(aView(4)));
    await callPage(page, 'onSave');
    await flush();
    const [sent] = callsTo('settings.update').map((c) => c.payload) as Array<{
      settings: SettingsBody;
    }>;
    expect(sent!.settings.posts).toEqual({
      publishing: 'afterCheck',
      noteMax: 1200,
      reportsToHide: 5,
      blockedWords: ['赌博', '代开发票'],
      reviewWords: ['上访'],
    });
  });

  it('shows the order of lists of people in force and sends the one chosen', async () => {
    const page = await openAs('admin');
    expect(textOf(page)).toContain('委员名单');
    expect(exists(page, '.option--pinyin.option--on')).toBe(true);
    expect(exists(page, '.option--strokes.option--on')).toBe(false);
    await tap(page, '.option--strokes');
    expect(exists(page, '.option--strokes.option--on')).toBe(true);
    expect(page.instance.data.dirty).toBe(true);
    answerWith('settings.update', ok(aView(2, (b) => (b.members.order = 'strokes'))));
    await callPage(page, 'onSave');
    await flush();
    const [sent] = callsTo('settings.update').map((c) => c.payload) as Array<{
      settings: SettingsBody;
    }>;
    expect(sent!.settings.members).toEqual({ order: 'strokes' });
    expect(sent!.settings.proposals).toEqual(DEFAULT_SETTINGS.proposals);
  });

  it('offers per notice kind no SMS, always, or only without a WeChat subscription', async () => {
    const page = await openAs('admin');
    expect(textOf(page)).toContain('短信通知');
    for (const kind of ['会议通知及变更', '请假审批结果', '提案交办（承办单位）'])
      expect(textOf(page)).toContain(kind);
    // Off for every kind until an admin turns one on.
    expect(selectAll(page, '.chip--off.chip--active')).toHaveLength(3);
    await tap(page, '.chip--always', 0);
    await tap(page, '.chip--whenNoSubscription', 1);
    expect(page.instance.data.form.sms).toEqual({
      meetingNotice: 'always',
      leaveDecision: 'whenNoSubscription',
      unitAssigned: 'off',
    });
    expect(page.instance.data.dirty).toBe(true);
    answerWith('settings.update', ok(aView(2)));
    await callPage(page, 'onSave');
    await flush();
    const [sent] = callsTo('settings.update').map((c) => c.payload) as Array<{
      settings: SettingsBody;
    }>;
    expect(sent!.settings.sms).toEqual({
      meetingNotice: 'always',
      leaveDecision: 'whenNoSubscription',
      unitAssigned: 'off',
    });
    expect(sent!.settings.members).toEqual(DEFAULT_SETTINGS.members);
  });

  it('shows the SMS choices in force', async () => {
    const page = await openAs(
      'admin',
      aView(2, (b) => (b.sms = { ...b.sms, unitAssigned: 'always' })),
    );
    expect(page.instance.data.form.sms.unitAssigned).toBe('always');
    expect(selectAll(page, '.chip--always.chip--active')).toHaveLength(1);
  });

  it('refuses a note length above the contract ceiling on its row', async () => {
    const page = await openAs('admin');
    await typeInto(page, '.num-posts-noteMax', '99999');
    await callPage(page, 'onSave');
    expect(textOf(page)).toContain('读书心得最多字数');
    expect(callsTo('settings.update')).toHaveLength(0);
  });

  it('sends nothing when the confirmation is declined', async () => {
    const page = await openAs('admin');
    await typeInto(page, '.num-proposals-coSignDays', '10');
    refuseNextModal();
    await callPage(page, 'onSave');
    expect(callsTo('settings.update')).toHaveLength(0);
  });

  it('reloads when someone else published meanwhile', async () => {
    const page = await openAs('admin');
    await typeInto(page, '.num-proposals-coSignDays', '10');
    answerWith('settings.update', fail('STORE.CONFLICT', '设置已被他人修改，请刷新后重试'));
    answerWith('settings.get', ok(aView(2)));
    await callPage(page, 'onSave');
    await flush();
    expect(callsTo('settings.get')).toHaveLength(2);
    expect(page.instance.data.version).toBe(2);
  });

  it('adds and removes a plenary window and a category', async () => {
    const page = await openAs('admin');
    await tap(page, '.add-window');
    expect(page.instance.data.form.windows).toHaveLength(1);
    await callPage(page, 'onSave');
    expect(textOf(page)).toContain('请选择征集开始和截止日期');
    await tap(page, '.window__remove');
    await tap(page, '.category__remove');
    expect(page.instance.data.form.categories).toHaveLength(8);
  });
});

describe('the form check and the contract agree', () => {
  const cases: Array<[string, (s: SettingsBody) => void]> = [
    ['the defaults', () => {}],
    ['A–D reply classes', (s) => s.proposals.replyClasses.push({ code: 'D', label: '其他情况' })],
    ['one reply class', (s) => (s.proposals.replyClasses = s.proposals.replyClasses.slice(0, 1))],
    [
      'handling beyond its maximum',
      (s) => Object.assign(s.proposals, { handlingMonths: 6, maxHandlingMonths: 5 }),
    ],
    ['body over the hard limit', (s) => (s.proposals.bodyMax = 2501)],
    [
      'minimums above the body maximum',
      (s) => Object.assign(s.proposals, { causeMin: 400, suggestionMin: 400, bodyMax: 600 }),
    ],
    ['a duplicate category', (s) => s.proposals.categories.push('教育')],
    ['a one-character category', (s) => s.proposals.categories.push('农')],
    [
      'opinion title minimum above its maximum',
      (s) => Object.assign(s.opinions, { titleMin: 30, titleMax: 20 }),
    ],
    ['check-in window too long', (s) => (s.meetings.checkInAfterMinutes = 241)],
    [
      'a plenary window',
      (s) =>
        (s.proposals.plenaryWindows = [
          {
            year: 2026,
            opensAt: '2025-12-01T00:00:00+08:00',
            closesAt: '2026-03-05T23:59:59+08:00',
          },
        ]),
    ],
  ];

  it.each(cases)('%s', (_, change) => {
    const body = clone(DEFAULT_SETTINGS);
    change(body);
    const server = settingsBody.safeParse(body);
    const { body: sent } = checkForm(formFromSettings(body));
    expect(sent !== null).toBe(server.success);
    if (sent && server.success) expect(settingsBody.parse(sent)).toEqual(server.data);
  });
});
