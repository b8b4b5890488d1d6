import type {
  HandlingUnitView,
  ProposalDetail,
  WorkQueuePage,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};

describe('the office’s work queues (proposals.workQueue)', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let units: HandlingUnitView[];
  let draftNo = 0;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
    units = [];
    for (const name of ['区交通运输局', '区教育局'])
      units.push(await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', { name }));
  });
  afterEach(() => h.close());

  /** An accepted proposal by `openid`. */
  async function accepted(openid: string, title: string, category = '其他') {
    draftNo += 1;
    const d = await h.ok<ProposalDetail>(openid, 'proposals.saveDraft', {
      clientDraftId: `work-${String(draftNo).padStart(6, '0')}`,
      revision: 1,
      title,
      category,
      ...TEXT,
    });
    const s = await h.ok<ProposalDetail>(openid, 'proposals.submit', { proposalId: d.id });
    return h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: s.id,
      version: s.version,
    });
  }
  const assign = (p: ProposalDetail, unit: number) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: p.version,
      mode: 'joint',
      units: [{ unitId: units[unit]!.id, role: 'lead' }],
    });
  const reply = (p: ProposalDetail, unit: number) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.recordReply', {
      proposalId: p.id,
      unitId: units[unit]!.id,
      replyClass: 'B',
      text: '我局高度重视，已列入年度计划，将分步实施。',
    });
  const queue = (input: object) =>
    h.ok<WorkQueuePage>('demo-staff', 'proposals.workQueue', { pageSize: 50, ...input });
  const titles = (page: WorkQueuePage) => page.items.map((i) => i.title);

  it('puts each accepted proposal in one queue, with its next step and every count', async () => {
    const waiting = await accepted('demo-member-01', '关于增设社区食堂的建议');
    const handling = await assign(await accepted('demo-member-02', '关于缓解停车难的建议'), 0);
    const repliedTo = await reply(
      await assign(await accepted('demo-member-01', '关于校园周边交通的建议', '教育'), 1),
      1,
    );
    const closing = await reply(
      await assign(await accepted('demo-member-01', '关于公交线网的建议'), 0),
      0,
    );
    await h.ok('demo-member-01', 'proposals.evaluate', {
      proposalId: closing.id,
      rating: 'satisfied',
    });
    const again = await reply(
      await assign(await accepted('demo-member-01', '关于老旧小区改造的建议'), 0),
      0,
    );
    await h.ok('demo-member-01', 'proposals.evaluate', {
      proposalId: again.id,
      rating: 'unsatisfied',
    });

    const first = await queue({});
    expect(first.counts).toEqual({
      unassigned: 1,
      handling: 1,
      overdue: 0,
      replied: 1,
      rehandling: 1,
      closed: 1,
    });
    expect(first.items).toEqual([
      expect.objectContaining({
        id: waiting.id,
        queue: 'unassigned',
        units: [],
        next: { label: '交办', panel: 'assign' },
      }),
    ]);
    expect((await queue({ queue: 'handling' })).items).toEqual([
      expect.objectContaining({
        id: handling.id,
        units: ['区交通运输局'],
        deadline: handling.handling!.deadline,
        next: { label: '录入答复', panel: '' },
      }),
    ]);
    expect(titles(await queue({ queue: 'replied' }))).toEqual([repliedTo.title]);
    expect(titles(await queue({ queue: 'closed' }))).toEqual([closing.title]);
    expect((await queue({ queue: 'rehandling' })).items[0]).toMatchObject({
      id: again.id,
      round: 2,
    });

    // Past its deadline, a reply still due moves to 超期, from whichever round it is in.
    const rehandled = await h.ok<ProposalDetail>('demo-staff', 'proposals.get', {
      proposalId: again.id,
    });
    const [sooner, later] = [handling, rehandled].sort((x, y) =>
      x.handling!.deadline!.localeCompare(y.handling!.deadline!),
    ) as [ProposalDetail, ProposalDetail];
    expect(sooner.handling!.deadline).not.toBe(later.handling!.deadline);
    h.clock.set(new Date(new Date(sooner.handling!.deadline!).getTime() + 60_000));
    const late = await queue({ queue: 'overdue' });
    expect(titles(late)).toEqual([sooner.title]);
    expect(late.items[0]!.next).toEqual({ label: '处理超期', panel: '' });
    expect(late.counts.overdue).toBe(1);
    expect(late.counts.handling + late.counts.rehandling).toBe(1);
  });

  it('filters by unit, proposer, category, year and words, counting under the same filters', async () => {
    const a = await assign(await accepted('demo-member-01', '关于缓解停车难的建议'), 0);
    await assign(await accepted('demo-member-02', '关于校园午餐的建议', '教育'), 1);
    await accepted('demo-member-02', '关于增设社区食堂的建议');

    const byUnit = await queue({ queue: 'handling', unitId: units[0]!.id });
    expect(titles(byUnit)).toEqual([a.title]);
    expect(byUnit.counts).toMatchObject({ unassigned: 0, handling: 1 });
    const byLead = await queue({ leadId: ids['demo-member-02'] });
    expect(byLead.counts).toMatchObject({ unassigned: 1, handling: 1 });
    expect((await queue({ queue: 'handling', category: '教育' })).total).toBe(1);
    // Words are looked for in the title, 案由 and 建议 (all three share this 案由), the
    // proposer and the units (search.ts).
    expect((await queue({ queue: 'handling', keyword: '停车' })).total).toBe(2);
    expect((await queue({ queue: 'handling', keyword: '缓解停车难' })).total).toBe(1);
    expect(titles(await queue({ queue: 'handling', keyword: units[0]!.name }))).toEqual([a.title]);
    expect((await queue({ queue: 'handling', keyword: a.number! })).items[0]!.id).toBe(a.id);
    expect((await queue({ year: 2001 })).counts.unassigned).toBe(0);
  });

  it('is the office’s alone', async () => {
    expect((await h.err('demo-member-01', 'proposals.workQueue', {})).code).toBe('AUTH.FORBIDDEN');
    expect((await h.err('demo-staff', 'proposals.workQueue', { queue: 'nope' })).code).toBe(
      'REQUEST.INVALID',
    );
  });
});
