import type { UnitProposalView, UnitTask } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { DEFAULT_SETTINGS } from '../../../miniprogram/generated/contract';
import { refreshSettings } from '../../../miniprogram/kit/settings';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import {
  answerModals,
  aProposalSummary,
  proposalsPage,
  typeText,
} from '../support/proposal-fixtures';
import { callPage, exists, renderPage, selectAll, tap, textOf, select } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const defaults = { ...config };
const REPLY = '我局高度重视，已将城区河道雨污分流改造列入今明两年治水工程。';

function aTask(n: number, overrides: Partial<UnitTask> = {}): UnitTask {
  return {
    ...aProposalSummary(n, { status: 'accepted', statusLabel: '已立案', number: `2026-000${n}` }),
    role: 'lead',
    stage: 'assigned',
    round: 1,
    deadline: '2026-06-01T16:00:00.000Z',
    overdue: false,
    next: '待签收',
    ...overrides,
  };
}

const NO_CAN: UnitProposalView['can'] = {
  accept: false,
  object: false,
  writeReply: false,
  submitReply: false,
  signOff: false,
  requestExtension: false,
};

function aUnitView(overrides: Partial<UnitProposalView> = {}): UnitProposalView {
  return {
    ...aProposalSummary(1, { status: 'accepted', statusLabel: '已立案', number: '2026-0001' }),
    cause: '城区部分河道存在雨污混流问题。',
    suggestion: '建议开展雨污分流改造。',
    attachments: [],
    coSignerNames: ['李明'],
    mode: 'joint',
    stage: 'assigned',
    round: 1,
    assignedAt: '2026-03-01T02:00:00.000Z',
    deadline: '2026-06-01T16:00:00.000Z',
    overdue: false,
    objectionUntil: '2026-03-08T02:00:00.000Z',
    mine: {
      unitId: 'unit-1',
      name: '区生态环境分局',
      role: 'lead',
      objection: null,
      replies: [],
      acceptedAt: null,
      draft: null,
    },
    partners: [{ name: '区水利局', role: 'co' }],
    leadDraft: null,
    extension: null,
    version: 3,
    can: { ...NO_CAN, accept: true, object: true },
    ...overrides,
  };
}

beforeEach(() => {
  resetWx();
  resetSession();
  refreshSettings();
  answerWith('members.getMyProfile', ok(aProfile({ roles: ['unit'] })));
  answerWith(
    'settings.get',
    ok({ ...DEFAULT_SETTINGS, version: 1, updatedAt: null, updatedBy: null, note: null }),
  );
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

describe('本单位办理', () => {
  it('lists what waits on the unit with the counts, and opens a proposal', async () => {
    answerWith(
      'proposals.unitQueue',
      ok({
        ...proposalsPage(1, 2, (n) =>
          aTask(n, n === 2 ? { next: '', overdue: true, role: 'co' } : {}),
        ),
        counts: { open: 2, answered: 5 },
      }),
    );
    const page = renderPage('pages/unit/queue/index');
    await callPage(page, 'onLoad', {});
    expect(selectAll(page, '.chip').map((c) => textOf(c))).toEqual(['待办理2', '已答复5']);
    const rows = selectAll(page, '.unit-task');
    expect(rows).toHaveLength(2);
    expect(textOf(rows[0]!)).toContain('待签收');
    expect(textOf(rows[1]!)).toContain('已超期');
    expect(textOf(rows[1]!)).toContain('会办');
    await tap(page, '.unit-task', 0);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/unit/proposal/index?id=pp-001',
    });
    await tap(page, '.chip--answered');
    expect(callsTo('proposals.unitQueue').at(-1)!.payload).toEqual({
      queue: 'answered',
      page: 1,
      pageSize: 20,
    });
  });

  it('shows a member the forbidden state', async () => {
    answerWith(
      'proposals.unitQueue',
      fail('AUTH.FORBIDDEN', '承办单位账号只能办理交办给本单位的提案'),
    );
    const page = renderPage('pages/unit/queue/index');
    await callPage(page, 'onLoad', {});
    expect(textOf(page)).toContain('本页供承办单位的联络员使用');
  });
});

describe('承办单位办理', () => {
  it('accepts after a confirmation, then writes, saves and submits the reply', async () => {
    answerWith('proposals.unitGet', ok(aUnitView()));
    answerWith(
      'proposals.unitAccept',
      ok(
        aUnitView({
          mine: { ...aUnitView().mine, acceptedAt: '2026-03-02T02:00:00.000Z' },
          can: { ...NO_CAN, writeReply: true, requestExtension: true },
        }),
      ),
    );
    const page = renderPage('pages/unit/proposal/index');
    await callPage(page, 'onLoad', { id: 'pp-001' });
    expect(textOf(page)).toContain('如有异议，请于 2026-03-08 前提出');
    expect(textOf(page)).toContain('共同办理：区水利局（会办）');

    answerModals(false);
    await tap(page, '.accept-button');
    expect(callsTo('proposals.unitAccept')).toHaveLength(0);
    answerModals(true);
    await tap(page, '.accept-button');
    expect(callsTo('proposals.unitAccept').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001' },
    ]);
    expect(exists(page, '.reply-card')).toBe(true);

    // The form says what is missing before anything is sent.
    await tap(page, '.save-reply');
    expect(textOf(select(page, '.reply-error')!)).toBe('请选择答复类别');
    await tap(page, '.chip--B');
    await typeText(page, '.reply-text', '太短');
    await tap(page, '.save-reply');
    expect(textOf(select(page, '.reply-error')!)).toContain('答复内容至少 10 个字');
    expect(callsTo('proposals.unitSaveReply')).toHaveLength(0);

    const saved = aUnitView({
      mine: {
        ...aUnitView().mine,
        acceptedAt: '2026-03-02T02:00:00.000Z',
        draft: {
          round: 1,
          text: REPLY,
          replyClass: 'B',
          letter: null,
          status: 'draft',
          savedAt: '2026-03-02T03:00:00.000Z',
          savedBy: '环保局联络员',
          submittedAt: null,
          signOffs: [],
          returnNote: null,
        },
      },
      can: { ...NO_CAN, writeReply: true, submitReply: true, requestExtension: true },
    });
    answerWith('proposals.unitSaveReply', ok(saved));
    answerWith(
      'proposals.unitSubmitReply',
      ok({
        ...saved,
        mine: { ...saved.mine, draft: { ...saved.mine.draft!, status: 'signing' } },
        can: NO_CAN,
      }),
    );
    await typeText(page, '.reply-text', REPLY);
    answerModals(true);
    await tap(page, '.submit-reply');
    expect(callsTo('proposals.unitSaveReply').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', replyClass: 'B', text: REPLY, letter: null },
    ]);
    expect(callsTo('proposals.unitSubmitReply')).toHaveLength(1);
    expect(exists(page, '.reply-card')).toBe(false);
    expect(textOf(select(page, '.reply-sent')!)).toContain('待会办单位会签');
  });

  it('lets a co-handler sign off the lead’s reply', async () => {
    const lead = {
      round: 1,
      text: REPLY,
      replyClass: 'B' as const,
      letter: null,
      status: 'signing' as const,
      savedAt: '2026-03-02T03:00:00.000Z',
      savedBy: '环保局联络员',
      submittedAt: '2026-03-02T03:00:00.000Z',
      signOffs: [],
      returnNote: null,
    };
    const view = aUnitView({
      mine: { ...aUnitView().mine, role: 'co', acceptedAt: '2026-03-02T02:00:00.000Z' },
      leadDraft: lead,
      can: { ...NO_CAN, signOff: true },
    });
    answerWith('proposals.unitGet', ok(view));
    answerWith(
      'proposals.unitSignOff',
      ok({ ...view, leadDraft: { ...lead, status: 'review' }, can: NO_CAN }),
    );
    const page = renderPage('pages/unit/proposal/index');
    await callPage(page, 'onLoad', { id: 'pp-001' });
    expect(textOf(select(page, '.sign-card')!)).toContain(REPLY);
    answerModals('同意主办单位意见');
    await tap(page, '.sign-off-button');
    expect(callsTo('proposals.unitSignOff').map((c) => c.payload)).toEqual([
      { proposalId: 'pp-001', note: '同意主办单位意见' },
    ]);
    expect(exists(page, '.sign-off-button')).toBe(false);
  });

  it('says so when the proposal is no longer the unit’s', async () => {
    answerWith('proposals.unitGet', fail('PROPOSAL.NOT_FOUND', '提案不存在'));
    const page = renderPage('pages/unit/proposal/index');
    await callPage(page, 'onLoad', { id: 'pp-009' });
    expect(textOf(page)).toContain('未找到这件提案');
  });
});
