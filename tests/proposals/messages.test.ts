import { makeHarness, type Harness } from '../support/harness';

/**
 * Every field a person types or picks in a proposal form is refused in Chinese, naming the
 * field as the form labels it (the forms show the contract's own message).
 */
const P = 'prp_0001';
const U = 'unit_0001';
const draft = { clientDraftId: 'draft_0001', revision: 1 };
const long = (n: number) => '字'.repeat(n);

type Case = [action: string, payload: object, path: string, message: string];

const MEMBER_CASES: Case[] = [
  ['saveDraft', { ...draft, title: long(61) }, 'title', '标题不能超过 60 个字'],
  ['saveDraft', { ...draft, title: 3 }, 'title', '标题格式不正确'],
  ['saveDraft', { ...draft, cause: long(2501) }, 'cause', '案由不能超过 2500 个字'],
  ['saveDraft', { ...draft, suggestion: long(2501) }, 'suggestion', '建议不能超过 2500 个字'],
  [
    'saveDraft',
    { ...draft, cause: long(1300), suggestion: long(1300) },
    'suggestion',
    '案由和建议合计不能超过 2500 字',
  ],
  ['saveDraft', { ...draft, category: ' ' }, 'category', '请选择类别'],
  ['saveDraft', { ...draft, category: long(13) }, 'category', '类别不能超过 12 个字'],
  [
    'saveDraft',
    { ...draft, coSignerIds: Array.from({ length: 31 }, (_, i) => `m_${i}`) },
    'coSignerIds',
    '联名人最多 30 位',
  ],
  [
    'saveDraft',
    {
      ...draft,
      attachments: Array.from({ length: 10 }, (_, i) => ({ fileId: `local://f${i}`, name: 'a' })),
    },
    'attachments',
    '附件最多 9 个',
  ],
  [
    'saveDraft',
    { ...draft, collective: { kind: 'sector', name: ' ' } },
    'collective.name',
    '请填写界别或专委会名称',
  ],
  [
    'saveDraft',
    { ...draft, collective: { kind: 'sector', name: long(31) } },
    'collective.name',
    '界别或专委会名称不能超过 30 个字',
  ],
  [
    'saveDraft',
    { ...draft, collective: { kind: 'town', name: '教育界' } },
    'collective.kind',
    '请选择以界别还是专委会的名义提出',
  ],
  ['withdraw', { proposalId: P }, 'reason', '请填写撤回原因'],
  ['withdraw', { proposalId: P, reason: ' 改 ' }, 'reason', '撤回原因至少 2 个字'],
  ['withdraw', { proposalId: P, reason: long(201) }, 'reason', '撤回原因不能超过 200 个字'],
  ['evaluate', { proposalId: P }, 'rating', '请选择总体评价'],
  ['evaluate', { proposalId: P, rating: 'basic', attitude: 'great' }, 'attitude', '请选择办理态度'],
  ['evaluate', { proposalId: P, rating: 'basic', result: 'x' }, 'result', '请选择办理结果'],
  [
    'evaluate',
    { proposalId: P, rating: 'basic', comment: long(501) },
    'comment',
    '意见和建议不能超过 500 个字',
  ],
  ['listPublic', { year: 1999 }, 'year', '年度不能少于 2000'],
  ['listPublic', { year: 2026.5 }, 'year', '年度须为整数'],
];

const STAFF_CASES: Case[] = [
  ['reject', { proposalId: P, version: 1, reason: '否' }, 'reason', '不予立案的理由至少 2 个字'],
  ['proposeConversion', { proposalId: P, version: 1 }, 'reason', '请填写理由'],
  ['merge', { targetId: P, sourceIds: [], reason: '内容相近' }, 'sourceIds', '请选择要并案的提案'],
  ['merge', { targetId: P, sourceIds: [U], reason: '' }, 'reason', '并案说明至少 2 个字'],
  ['saveUnit', { name: '局' }, 'name', '单位名称至少 2 个字'],
  [
    'saveUnit',
    { name: '区教育局', contactName: long(21) },
    'contactName',
    '联系人不能超过 20 个字',
  ],
  [
    'saveUnit',
    { name: '区教育局', contactPhone: long(21) },
    'contactPhone',
    '联系电话不能超过 20 个字',
  ],
  ['assign', { proposalId: P, version: 1, units: [{ unitId: U }] }, 'mode', '请选择办理方式'],
  ['assign', { proposalId: P, version: 1, mode: 'joint', units: [] }, 'units', '请选择承办单位'],
  [
    'assign',
    { proposalId: P, version: 1, mode: 'joint', units: [{ unitId: U }], deadlineDays: 6 },
    'deadlineDays',
    '答复期限不能少于 7 天',
  ],
  [
    'assign',
    { proposalId: P, version: 1, mode: 'joint', units: [{ unitId: U }], deadlineDays: 184 },
    'deadlineDays',
    '答复期限不能超过 183 天',
  ],
  ['recordObjection', { proposalId: P, unitId: U, reason: '' }, 'reason', '异议理由至少 2 个字'],
  ['extendDeadline', { proposalId: P, reason: '需要协调' }, 'days', '请填写延期天数'],
  [
    'extendDeadline',
    { proposalId: P, days: 93, reason: '需要协调' },
    'days',
    '延期天数不能超过 92 天',
  ],
  ['extendDeadline', { proposalId: P, days: 30 }, 'reason', '请填写延期理由'],
  [
    'recordReply',
    { proposalId: P, unitId: U, replyClass: 'E', text: long(20) },
    'replyClass',
    '请选择答复类别',
  ],
  [
    'recordReply',
    { proposalId: P, unitId: U, replyClass: 'A', text: long(9) },
    'text',
    '答复内容至少 10 个字',
  ],
  [
    'recordReply',
    { proposalId: P, unitId: U, replyClass: 'A', text: long(5001) },
    'text',
    '答复内容不能超过 5000 个字',
  ],
  ['markKey', { proposalId: P, supervisor: '李' }, 'supervisor', '督办领导至少 2 个字'],
  ['addSupervision', { proposalId: P, note: long(1001) }, 'note', '督办情况不能超过 1000 个字'],
  ['getStats', { year: 2101 }, 'year', '年度不能超过 2100'],
];

describe('proposal form fields are refused in Chinese, by their form label', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  it.each(
    [
      ...MEMBER_CASES.map((c) => ['demo-member-01', ...c] as const),
      ...STAFF_CASES.map((c) => ['demo-staff', ...c] as const),
    ].map((c) => [`proposals.${c[1]} ${c[3]}: ${c[4]}`, ...c] as const),
  )('%s', async (_title, openid, action, payload, path, message) => {
    const error = await h.err(openid, `proposals.${action}`, payload);

    expect(error.code).toBe('REQUEST.INVALID');
    // The first problem is the one the form and the error message show.
    expect((error.details as { issues: unknown[] }).issues[0]).toEqual({ path, message });
    expect(error.message).toBe(`提交的内容有误：${path} ${message}`);
  });
});
