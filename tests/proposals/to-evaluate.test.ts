import type { Page } from '../../typings/contracts/envelope';
import type {
  HandlingUnitView,
  ProposalDetail,
  ProposalToEvaluate,
} from '../../typings/contracts/proposals';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  category: '城乡建设',
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};
const HOUR = 3_600_000;
const STAFF = 'demo-staff';

describe('proposals.listToEvaluate', () => {
  let h: Harness;
  let unit: HandlingUnitView;
  let n = 0;
  beforeEach(async () => {
    h = await makeHarness();
    unit = await h.ok<HandlingUnitView>(STAFF, 'proposals.saveUnit', { name: '区交通运输局' });
  });
  afterEach(() => h.close());

  const memberId = async (openid: string) =>
    (await h.ok<{ id: string }>(openid, 'members.getMyProfile', {})).id;
  const fresh = (id: string) => h.ok<ProposalDetail>(STAFF, 'proposals.get', { proposalId: id });

  /** Submitted by `lead`; each co-signer answers `accept` (true: confirms). */
  async function submitted(lead: string, coSigners: Array<[string, boolean]> = []) {
    const d = await h.ok<ProposalDetail>(lead, 'proposals.saveDraft', {
      clientDraftId: `to-evaluate-${++n}`,
      revision: 1,
      title: `关于缓解城区停车难的建议（${n}）`,
      ...TEXT,
      coSignerIds: await Promise.all(coSigners.map(([openid]) => memberId(openid))),
    });
    await h.ok(lead, 'proposals.submit', { proposalId: d.id });
    for (const [openid, accept] of coSigners)
      await h.ok(openid, 'proposals.respondCoSign', { proposalId: d.id, accept });
    return fresh(d.id);
  }
  const accepted = async (p: ProposalDetail) =>
    h.ok<ProposalDetail>(STAFF, 'proposals.accept', { proposalId: p.id, version: p.version });
  /** 交办 an accepted proposal to the one unit. */
  const assign = (p: ProposalDetail) =>
    h.ok<ProposalDetail>(STAFF, 'proposals.assign', {
      proposalId: p.id,
      version: p.version,
      mode: 'joint',
      units: [{ unitId: unit.id, role: 'lead' }],
    });
  const assigned = async (p: ProposalDetail) => assign(await accepted(p));
  const reply = (id: string) => {
    h.clock.advance(HOUR);
    return h.ok<ProposalDetail>(STAFF, 'proposals.recordReply', {
      proposalId: id,
      unitId: unit.id,
      replyClass: 'B',
      text: '我局高度重视，已将立体停车场建设纳入年度计划。',
    });
  };
  const replied = async (p: ProposalDetail) => {
    await assigned(p);
    return reply(p.id);
  };
  const list = (openid: string, paging: { page?: number; pageSize?: number } = {}) =>
    h.ok<Page<ProposalToEvaluate>>(openid, 'proposals.listToEvaluate', paging);
  const idsFor = async (openid: string) => (await list(openid)).items.map((p) => p.id);

  it('lists exactly the replied proposals the caller rates: as lead, co-signer or merged author', async () => {
    const mine = await replied(await submitted('demo-member-01', [['demo-member-02', true]]));
    const others = await replied(await submitted('demo-member-04', [['demo-member-01', false]]));
    const handling = await assigned(await submitted('demo-member-01'));
    const unassigned = await accepted(await submitted('demo-member-01'));
    const inReview = await submitted('demo-member-01');
    const target = await accepted(await submitted('demo-member-05'));
    const source = await submitted('demo-member-01');
    await h.ok(STAFF, 'proposals.merge', {
      targetId: target.id,
      sourceIds: [source.id],
      reason: '内容相近',
    });
    await assign(await fresh(target.id));
    const mergedTarget = await reply(target.id);

    expect(await idsFor('demo-member-01')).toEqual([mine.id, mergedTarget.id]);
    expect(await idsFor('demo-member-02')).toEqual([mine.id]);
    expect(await idsFor('demo-member-04')).toEqual([others.id]);
    expect(await idsFor('demo-member-05')).toEqual([mergedTarget.id]);
    expect(await idsFor('demo-member-06')).toEqual([]);
    for (const p of [handling, unassigned, inReview, source])
      expect(await idsFor('demo-member-01')).not.toContain(p.id);

    const [row] = (await list('demo-member-02')).items;
    expect(row).toMatchObject({
      id: mine.id,
      title: mine.title,
      leadName: mine.leadName,
      status: 'accepted',
      round: 1,
      repliedAt: mine.handling!.units[0]!.replies[0]!.at,
    });
  });

  it('drops a proposal once the caller rated this round, and lists it again for a second reply', async () => {
    const p = await replied(await submitted('demo-member-01', [['demo-member-02', true]]));

    await h.ok('demo-member-02', 'proposals.evaluate', { proposalId: p.id, rating: 'basic' });
    expect(await idsFor('demo-member-02')).toEqual([]);
    expect(await idsFor('demo-member-01')).toEqual([p.id]);

    await h.ok('demo-member-01', 'proposals.evaluate', { proposalId: p.id, rating: 'unsatisfied' });
    expect(await idsFor('demo-member-01')).toEqual([]);

    await reply(p.id); // round 2: everyone rates again
    expect((await list('demo-member-01')).items.map((x) => [x.id, x.round])).toEqual([[p.id, 2]]);
    expect(await idsFor('demo-member-02')).toEqual([p.id]);

    await h.ok('demo-member-01', 'proposals.evaluate', { proposalId: p.id, rating: 'satisfied' });
    expect(await idsFor('demo-member-01')).toEqual([]);
    // Closed by the lead's rating: nothing is left to rate for the co-signer either.
    expect(await idsFor('demo-member-02')).toEqual([]);
  });

  it('pages the longest waiting first, with the total', async () => {
    const first = await replied(await submitted('demo-member-01'));
    const second = await replied(await submitted('demo-member-01'));
    const third = await replied(await submitted('demo-member-01'));

    const page1 = await list('demo-member-01', { page: 1, pageSize: 2 });
    const page2 = await list('demo-member-01', { page: 2, pageSize: 2 });

    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((x) => x.id)).toEqual([first.id, second.id]);
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((x) => x.id)).toEqual([third.id]);
  });

  it('is for members only, and checks its paging', async () => {
    expect((await h.err('stranger', 'proposals.listToEvaluate', {})).code).toBe('AUTH.NOT_BOUND');
    expect((await h.err('demo-member-01', 'proposals.listToEvaluate', { pageSize: 0 })).code).toBe(
      'REQUEST.INVALID',
    );
  });
});
