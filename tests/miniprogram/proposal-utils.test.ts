import {
  ADOPTION_LEVEL_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  OPINION_LIMITS,
  OPINION_STATUS_LABELS,
  PROPOSAL_CATEGORIES,
  PROPOSAL_LIMITS,
  PROPOSAL_STATUS_LABELS,
  RATING_LABELS,
  REPLY_CLASS_LABELS,
} from '../../typings/contracts';
import { ApiCallError } from '../../miniprogram/services/errors';
import { queryValue } from '../../miniprogram/utils/format';
import {
  Autosave,
  findDraftByServerId,
  isClientDraftId,
  listDrafts,
  newClientDraftId,
  readDraft,
  removeDraft,
  writeDraft,
  type LocalDraft,
  type SaveState,
} from '../../miniprogram/utils/drafts';
import * as mp from '../../miniprogram/utils/proposals';
import {
  assignInput,
  assignProblem,
  setLead,
  toggleUnit,
  unitChoices,
} from '../../miniprogram/pages/staff/proposal-handle/assign';
import { toStatsView } from '../../miniprogram/pages/staff/proposal-stats/view';
import {
  incompleteFields,
  saveDraftInput,
  submitProblems,
  type ProposalFields,
} from '../../miniprogram/pages/proposals/edit/form';
import {
  aProposalSummary,
  aSimilar,
  aUnit,
  installStorage,
  someStats,
} from './support/proposal-fixtures';
import { resetWx } from './support/wx';

describe('mirrored proposal and opinion values', () => {
  it('match the contract', () => {
    expect(mp.PROPOSAL_LIMITS).toEqual(PROPOSAL_LIMITS);
    expect(mp.PROPOSAL_CATEGORIES).toEqual(PROPOSAL_CATEGORIES);
    expect(mp.PROPOSAL_STATUS_LABELS).toEqual(PROPOSAL_STATUS_LABELS);
    expect(mp.REPLY_CLASS_LABELS).toEqual(REPLY_CLASS_LABELS);
    expect(mp.RATING_LABELS).toEqual(RATING_LABELS);
    expect(mp.OPINION_LIMITS).toEqual(OPINION_LIMITS);
    expect(mp.OPINION_STATUS_LABELS).toEqual(OPINION_STATUS_LABELS);
    expect(mp.ADOPTION_LEVEL_LABELS).toEqual(ADOPTION_LEVEL_LABELS);
    expect(mp.INSTRUCTION_LEVEL_LABELS).toEqual(INSTRUCTION_LEVEL_LABELS);
  });
});

describe('proposal formatting', () => {
  it('shows rates and shares as percentages with at most one decimal', () => {
    expect(mp.formatPercent(0.857)).toBe('85.7%');
    expect(mp.formatPercent(1)).toBe('100%');
    expect(mp.formatPercent(0)).toBe('0%');
    expect(mp.formatPercent(Number.NaN)).toBe('—');
    expect(mp.shareText(30, 55)).toBe('54.5%');
    expect(mp.shareText(3, 0)).toBe('—');
  });

  it('shows a similarity score as a whole percentage', () => {
    expect(mp.formatScore(0.634)).toBe('63%');
    expect(mp.formatScore(1.2)).toBe('100%');
  });

  it('describes a list item and a similar proposal in one line each', () => {
    expect(
      mp.toProposalItem(aProposalSummary(1, { kind: 'joint', number: '2026-0003' })),
    ).toMatchObject({
      number: '2026-0003',
      statusLabel: '待审查',
      meta: '社会建设 · 联名提案 · 王建华 领衔',
      dateText: '提交于 2026-03-01',
    });
    expect(
      mp.toProposalItem(
        aProposalSummary(2, { kind: 'collective', collectiveName: '教育界', title: '' }),
      ),
    ).toMatchObject({ title: '（未填写标题）', meta: '社会建设 · 教育界 · 王建华 领衔' });
    expect(mp.toSimilarItem(aSimilar(1))).toEqual({
      id: 'pp-s1',
      title: '关于完善居家养老服务体系的建议 1',
      scoreText: '80%',
      isPublic: true,
      meta: '2025 年 · 2025-0011 · 已立案 · 委员1 领衔',
    });
    expect(mp.toSimilarItem(aSimilar(2, { status: 'submitted' })).isPublic).toBe(false);
  });

  it('reads an id from a page query, encoded or not', () => {
    expect(queryValue('pp%2D1')).toBe('pp-1');
    expect(queryValue(undefined)).toBe('');
    expect(queryValue('%E0%A4%A')).toBe('');
  });
});

describe('proposal editor form', () => {
  const complete: ProposalFields = {
    title: '关于加强社区养老服务的建议',
    category: '社会建设',
    cause: '案'.repeat(20),
    suggestion: '建'.repeat(20),
    coSigners: [{ id: 'm-002', name: '李明', sector: '教育界' }],
    collective: { kind: 'sector', name: ' 教育界 ' },
    attachments: [{ fileId: 'local://abc123', name: '调研报告.pdf' }],
    forMember: null,
  };

  it('builds the save payload from the phone copy', () => {
    const draft: LocalDraft<ProposalFields> = {
      clientDraftId: 'dabcdefgh123',
      serverId: null,
      revision: 7,
      syncedRevision: 5,
      fields: complete,
      editedAt: 0,
    };
    expect(saveDraftInput(draft)).toEqual({
      clientDraftId: 'dabcdefgh123',
      revision: 7,
      title: complete.title,
      category: '社会建设',
      cause: complete.cause,
      suggestion: complete.suggestion,
      attachments: [{ fileId: 'local://abc123', name: '调研报告.pdf' }],
      coSignerIds: ['m-002'],
      collective: { kind: 'sector', name: '教育界' },
    });
  });

  it('checks what the server checks before submitting', () => {
    expect(submitProblems(complete)).toEqual({});
    expect(
      submitProblems({
        ...complete,
        title: '短',
        cause: '',
        collective: { kind: 'sector', name: '' },
      }),
    ).toEqual({
      title: '标题至少 5 个字',
      cause: '案由至少 20 个字',
      collective: '请填写集体提案的名义',
    });
    expect(
      submitProblems({ ...complete, cause: '案'.repeat(2000), suggestion: '建'.repeat(501) }),
    ).toMatchObject({ suggestion: '案由和建议合计不能超过 2500 字' });
    expect(incompleteFields({ fields: ['title', 'suggestion', 7] })).toEqual({
      title: '请填写标题（至少 5 个字）',
      suggestion: '请填写建议（至少 20 个字）',
    });
    expect(incompleteFields(undefined)).toEqual({});
  });
});

describe('assigning units', () => {
  const choices = unitChoices([aUnit(1), aUnit(2), aUnit(3, { active: false })]);

  it('offers active units only; the first chosen leads a joint assignment', () => {
    expect(choices.map((c) => c.id)).toEqual(['u-1', 'u-2']);
    const two = toggleUnit(toggleUnit(choices, 'u-2'), 'u-1');
    expect(two.map((c) => [c.id, c.selected, c.lead])).toEqual([
      ['u-1', true, false],
      ['u-2', true, true],
    ]);
    // Clearing the lead passes the lead to another chosen unit.
    expect(toggleUnit(two, 'u-2').map((c) => [c.id, c.selected, c.lead])).toEqual([
      ['u-1', true, true],
      ['u-2', false, false],
    ]);
  });

  it('builds joint and separate payloads', () => {
    const chosen = setLead(toggleUnit(toggleUnit(choices, 'u-1'), 'u-2'), 'u-2');
    expect(assignInput('pp-1', 4, chosen, 'joint', 60)).toEqual({
      proposalId: 'pp-1',
      version: 4,
      mode: 'joint',
      units: [
        { unitId: 'u-1', role: 'co' },
        { unitId: 'u-2', role: 'lead' },
      ],
      deadlineDays: 60,
    });
    expect(assignInput('pp-1', 4, chosen, 'separate', 92).units).toEqual([
      { unitId: 'u-1' },
      { unitId: 'u-2' },
    ]);
    expect(assignProblem(choices, 'joint')).toBe('请至少选择一个承办单位');
    expect(assignProblem(chosen, 'joint')).toBe('');
  });
});

describe('proposal statistics view', () => {
  it('turns rates and shares into percentages', () => {
    const view = toStatsView(someStats());
    expect(view.replyRateText).toBe('85.7%');
    expect(view.satisfactionRateText).toBe('90%');
    expect(view.repliedTotal).toBe(55);
    expect(view.replyClasses[0]).toMatchObject({ key: 'A', count: 30, shareText: '54.5%' });
    expect(view.byUnit[0]).toMatchObject({ replyRateText: '90%', satisfiedText: '88.9%（8/9）' });
    expect(view.bySector[0]).toMatchObject({ acceptedText: '66.7%' });
  });

  it('shows a rate of nothing as a dash, not 0%', () => {
    const view = toStatsView(
      someStats({
        counts: { received: 3, accepted: 0, rejected: 0, converted: 0, merged: 0, pending: 3 },
        replyRate: null,
        satisfactionRate: null,
        ratings: 0,
        byUnit: [],
      }),
    );
    expect(view.replyRateText).toBe('—');
    expect(view.satisfactionRateText).toBe('—');
  });
});

describe('drafts kept on the phone', () => {
  beforeEach(() => {
    resetWx();
    installStorage();
  });

  const draft = (id: string, overrides: Partial<LocalDraft<{ text: string }>> = {}) => ({
    clientDraftId: id,
    serverId: null,
    revision: 1,
    syncedRevision: 0,
    fields: { text: id },
    editedAt: 1,
    ...overrides,
  });

  it('makes device draft ids the contract accepts, each different', () => {
    const a = newClientDraftId();
    expect(isClientDraftId(a)).toBe(true);
    expect(newClientDraftId()).not.toBe(a);
    expect(isClientDraftId('short')).toBe(false);
  });

  it('stores, lists (newest first), finds by server id and removes drafts per kind', () => {
    writeDraft('proposal', draft('d-one-0001', { editedAt: 1 }));
    writeDraft('proposal', draft('d-two-0002', { editedAt: 2, serverId: 'pp-2' }));
    writeDraft('opinion', draft('d-op-00001'));

    expect(listDrafts('proposal').map((d) => d.clientDraftId)).toEqual([
      'd-two-0002',
      'd-one-0001',
    ]);
    expect(findDraftByServerId('proposal', 'pp-2')?.clientDraftId).toBe('d-two-0002');
    expect(readDraft('opinion', 'd-op-00001')?.fields).toEqual({ text: 'd-op-00001' });

    removeDraft('proposal', 'd-two-0002');
    expect(listDrafts('proposal').map((d) => d.clientDraftId)).toEqual(['d-one-0001']);
  });

  it('keeps working when the phone has no storage', () => {
    Object.assign(wx, { setStorageSync: undefined, getStorageSync: undefined });
    expect(writeDraft('proposal', draft('d-one-0001'))).toBe(false);
    expect(listDrafts('proposal')).toEqual([]);
  });
});

describe('Autosave', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    resetWx();
    installStorage();
  });
  afterEach(() => jest.useRealTimers());

  function saver(send: jest.Mock) {
    const states: SaveState[] = [];
    const autosave = new Autosave<{ text: string }, { id: string }>({
      kind: 'opinion',
      draft: {
        clientDraftId: 'd-auto-0001',
        serverId: null,
        revision: 0,
        syncedRevision: 0,
        fields: { text: '' },
        editedAt: 0,
      },
      send,
      idOf: (r) => r.id,
      onState: (s) => states.push(s),
    });
    return { autosave, states };
  }

  it('saves once after typing stops, with the latest revision', async () => {
    const send = jest.fn((d: LocalDraft<{ text: string }>) =>
      Promise.resolve({ id: `op-${d.revision}` }),
    );
    const { autosave, states } = saver(send);

    autosave.edit({ text: 'a' });
    await jest.advanceTimersByTimeAsync(1500);
    autosave.edit({ text: 'ab' });
    await jest.advanceTimersByTimeAsync(1999);
    expect(send).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);

    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ revision: 2, fields: { text: 'ab' } });
    expect(autosave.draft).toMatchObject({ serverId: 'op-2', syncedRevision: 2 });
    expect(readDraft('opinion', 'd-auto-0001')).toMatchObject({ syncedRevision: 2 });
    expect(states).toEqual(['local', 'local', 'saving', 'synced']);
  });

  it('keeps the draft and tries again later when offline; a refusal is shown, not retried', async () => {
    const send = jest
      .fn()
      .mockRejectedValueOnce(
        new ApiCallError({ code: 'SYSTEM.UNAVAILABLE', message: '服务暂时无法连接' }),
      )
      .mockResolvedValueOnce({ id: 'op-1' })
      .mockRejectedValueOnce(new ApiCallError({ code: 'REQUEST.INVALID', message: '内容有误' }));
    const { autosave, states } = saver(send);

    autosave.edit({ text: 'a' });
    await jest.advanceTimersByTimeAsync(2000);
    expect(states.at(-1)).toBe('offline');
    await jest.advanceTimersByTimeAsync(15000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(states.at(-1)).toBe('synced');

    autosave.edit({ text: 'ab' });
    await jest.advanceTimersByTimeAsync(2000);
    expect(states.at(-1)).toBe('failed');
    await jest.advanceTimersByTimeAsync(60000);
    expect(send).toHaveBeenCalledTimes(3);
  });
});
