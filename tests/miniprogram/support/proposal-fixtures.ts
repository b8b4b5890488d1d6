/** Proposals and opinion reports as the backend answers them, for the page tests. */
import type {
  DirectoryEntry,
  HandlingUnitView,
  HandlingView,
  OpinionDetail,
  OpinionSummary,
  Page,
  ProposalDetail,
  ProposalStats,
  ProposalSummary,
  SimilarProposal,
  WorkItem,
  WorkQueuePage,
} from '../../../typings/contracts';
import { flush, select, selectAll, type PageComponent } from './page';
import { wxMock } from './wx';

export function aProposalSummary(
  n: number,
  overrides: Partial<ProposalSummary> = {},
): ProposalSummary {
  return {
    id: `pp-${String(n).padStart(3, '0')}`,
    number: null,
    title: `关于加强社区养老服务的建议 ${n}`,
    category: '社会建设',
    status: 'submitted',
    statusLabel: '待审查',
    leadName: '王建华',
    kind: 'individual',
    collectiveName: null,
    coSignerCount: 0,
    submittedAt: '2026-03-01T02:00:00.000Z',
    plenary: false,
    ...overrides,
  };
}

export function proposalsPage<T>(
  page: number,
  total: number,
  make: (n: number) => T,
  pageSize = 20,
): Page<T> {
  const items: T[] = [];
  for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n += 1)
    items.push(make(n));
  return { items, total, page, pageSize };
}

const NOTHING_ALLOWED: ProposalDetail['can'] = {
  edit: false,
  submit: false,
  withdraw: false,
  coSign: false,
  review: false,
  consentConvert: false,
  evaluate: false,
  confirmEntry: false,
};

export const CAUSE = '我区老年人口占比逐年上升，社区养老服务设施不足，服务内容单一，难以满足需求。';
export const SUGGESTION =
  '一是加大社区养老设施投入；二是引入社会力量参与运营；三是建立服务质量评价机制。';

/** A submitted proposal with one confirmed co-signer, as its lead sees it. */
export function aProposal(
  overrides: Partial<ProposalDetail> = {},
  can: Partial<ProposalDetail['can']> = {},
): ProposalDetail {
  return {
    ...aProposalSummary(1, { coSignerCount: 1, kind: 'joint' }),
    leadId: 'm-001',
    clientDraftId: null,
    collective: null,
    cause: CAUSE,
    suggestion: SUGGESTION,
    attachments: [],
    coSigners: [
      {
        memberId: 'm-002',
        name: '李明',
        sector: '教育界',
        status: 'confirmed',
        respondedAt: '2026-03-02T02:00:00.000Z',
      },
    ],
    coSignDeadline: null,
    submittedByStaff: null,
    reviewReason: null,
    mergedInto: null,
    mergedFrom: [],
    convertedTo: null,
    timeline: [
      { at: '2026-03-01T02:00:00.000Z', action: '提交提案', actorName: '王建华', note: null },
    ],
    revision: 4,
    updatedAt: '2026-03-01T02:00:00.000Z',
    version: 3,
    handling: null,
    can: { ...NOTHING_ALLOWED, ...can },
    ...overrides,
  };
}

export function aDraft(overrides: Partial<ProposalDetail> = {}): ProposalDetail {
  return aProposal(
    {
      status: 'draft',
      statusLabel: '草稿',
      submittedAt: null,
      coSigners: [],
      coSignerCount: 0,
      kind: 'individual',
      timeline: [],
      version: 1,
      revision: 1,
      ...overrides,
    },
    { edit: true, submit: true },
  );
}

/** Accepted, assigned jointly to two units, the lead unit has replied (class B). */
export function aHandledProposal(
  handling: Partial<HandlingView> = {},
  can: Partial<ProposalDetail['can']> = {},
): ProposalDetail {
  return aProposal(
    {
      number: '2026-0007',
      status: 'accepted',
      statusLabel: '已立案',
      version: 6,
      handling: {
        stage: 'replied',
        round: 1,
        units: [
          {
            unitId: 'u-1',
            name: '区民政局',
            role: 'lead',
            objection: null,
            replies: [
              {
                round: 1,
                replyClass: 'B',
                text: '我局已将社区养老服务设施建设列入今年工作计划。',
                at: '2026-05-20T02:00:00.000Z',
                recordedBy: '办公室张敏',
              },
            ],
          },
          { unitId: 'u-2', name: '区财政局', role: 'co', objection: null, replies: [] },
        ],
        assignedAt: '2026-03-10T02:00:00.000Z',
        deadline: '2026-06-10T02:00:00.000Z',
        overdue: false,
        key: null,
        supervision: [],
        evaluations: [],
        ...handling,
      },
    },
    can,
  );
}

export function aSimilar(n: number, overrides: Partial<SimilarProposal> = {}): SimilarProposal {
  return {
    id: `pp-s${n}`,
    number: `2025-00${10 + n}`,
    title: `关于完善居家养老服务体系的建议 ${n}`,
    status: 'accepted',
    year: 2025,
    leadName: `委员${n}`,
    score: 0.9 - n * 0.1,
    ...overrides,
  };
}

export function aUnit(n: number, overrides: Partial<HandlingUnitView> = {}): HandlingUnitView {
  return {
    id: `u-${n}`,
    name: ['区民政局', '区财政局', '区卫生健康局', '区教育局'][n - 1] ?? `单位${n}`,
    contactName: '联络员',
    contactPhone: null,
    active: true,
    ...overrides,
  };
}

export function aDirectoryEntry(
  n: number,
  overrides: Partial<DirectoryEntry> = {},
): DirectoryEntry {
  return {
    id: `m-${String(n).padStart(3, '0')}`,
    name: `委员${n}`,
    gender: '女',
    sector: '教育界',
    specialCommittee: null,
    standingMember: false,
    ...overrides,
  };
}

export function someStats(overrides: Partial<ProposalStats> = {}): ProposalStats {
  return {
    year: 2026,
    counts: { received: 120, accepted: 64, rejected: 17, converted: 21, merged: 16, pending: 2 },
    replyRate: 0.857,
    satisfactionRate: 0.9,
    ratings: 40,
    replyClasses: { A: 30, B: 20, C: 4, D: 1 },
    overdue: 3,
    byUnit: [
      {
        unitId: 'u-1',
        name: '区民政局',
        assigned: 10,
        replied: 9,
        overdue: 1,
        satisfied: 8,
        evaluated: 9,
      },
    ],
    bySector: [{ sector: '教育界', received: 12, accepted: 8 }],
    ...overrides,
  };
}

export function anOpinionSummary(
  n: number,
  overrides: Partial<OpinionSummary> = {},
): OpinionSummary {
  return {
    id: `op-${String(n).padStart(3, '0')}`,
    title: `关于老旧小区电动车充电安全的建议 ${n}`,
    status: 'submitted',
    statusLabel: '待处理',
    authorName: '王建华',
    submittedAt: '2026-03-01T02:00:00.000Z',
    issue: null,
    highestLevel: null,
    ...overrides,
  };
}

export const OPINION_BODY =
  '近年来，老旧小区电动自行车数量快速增长，但充电设施严重不足，居民私拉电线、楼道充电现象普遍，火灾隐患突出。建议统筹建设集中充电设施，加强日常巡查。';

export function anOpinion(
  overrides: Partial<OpinionDetail> = {},
  can: Partial<OpinionDetail['can']> = {},
): OpinionDetail {
  return {
    ...anOpinionSummary(1),
    authorId: 'm-001',
    body: OPINION_BODY,
    originalBody: null,
    fromProposalId: null,
    enteredBy: null,
    declineReason: null,
    forwards: [],
    instructions: [],
    feedback: [],
    timeline: [
      {
        at: '2026-03-01T02:00:00.000Z',
        action: '报送社情民意信息',
        actorName: '王建华',
        note: null,
      },
    ],
    clientDraftId: null,
    revision: 0,
    version: 2,
    can: { edit: false, submit: false, review: false, confirmEntry: false, ...can },
    ...overrides,
  };
}

/** Storage as the phone keeps it (the shared mock has none), and navigateBack. */
export function installStorage() {
  const storage = new Map<string, unknown>();
  const extra = {
    setStorageSync: jest.fn((key: string, value: unknown) => {
      // What the platform does: the value is stored as data, not by reference.
      storage.set(key, JSON.parse(JSON.stringify(value)));
    }),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
  };
  Object.assign(wxMock, extra);
  return { ...extra, storage };
}

/**
 * Types into a TDesign textarea, wherever it sits (the page or one of its components), without
 * waiting (for tests on fake timers).
 */
export function inputText(page: PageComponent, selector: string, value: string): void {
  const node = select(page, selector)?.querySelector('.t-textarea__wrapper-inner');
  if (!node) throw new Error(`${selector} has no textarea`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

/** Types into a TDesign textarea and lets the page settle. */
export async function typeText(page: PageComponent, selector: string, value: string) {
  inputText(page, selector, value);
  await flush();
}

/** Answers the next modal with `confirm` (and `content` for an editable one). */
export function answerModal(confirm: boolean, content = '') {
  wxMock.showModal.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'showModal:ok', confirm, cancel: !confirm, content }),
  );
}

/** The next modals answer in order: `true` confirms, `false` cancels, a string is typed and confirmed. */
export function answerModals(...answers: Array<boolean | string>) {
  for (const a of answers) answerModal(a !== false, typeof a === 'string' ? a : '');
}

/** Taps like `tap()` of support/page, without waiting (for tests on fake timers). */
export function pressNow(page: PageComponent, selector: string, index = 0): void {
  const host = selectAll(page, selector)[index];
  if (!host) throw new Error(`nothing matches ${selector} [${index}]`);
  const target = host.querySelector('.t-button') ?? host.querySelector('.t-cell') ?? host;
  target.dispatchEvent('tap');
}

/**
 * Lets the fake backend answer under fake timers: it answers on a later tick, and a zero-delay
 * timer set from inside another timer is due 1 ms later, so the clock moves on by 10 ms.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await jest.advanceTimersByTimeAsync(1);
}

/** A row of the office's work queue (`proposals.workQueue`). */
export function aWorkItem(n: number, overrides: Partial<WorkItem> = {}): WorkItem {
  return {
    ...aProposalSummary(n, {
      status: 'accepted',
      statusLabel: '已立案',
      number: `2026-${String(n).padStart(4, '0')}`,
    }),
    queue: 'unassigned',
    round: 0,
    units: [],
    deadline: null,
    key: false,
    next: { label: '交办', panel: 'assign' },
    ...overrides,
  };
}

export const NO_WORK: WorkQueuePage['counts'] = {
  unassigned: 0,
  handling: 0,
  overdue: 0,
  replied: 0,
  rehandling: 0,
  closed: 0,
};
