import type {
  HandlingUnitView,
  ProposalDetail,
  ProposalSummary,
} from '../../typings/contracts/proposals';
import type { Page } from '../../typings/contracts/envelope';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { makeHarness, type Harness } from '../support/harness';
import { everyFault, ledgerConsistent, pointsFrom } from '../support/every-fault';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};

describe('优秀提案', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let unit: HandlingUnitView;
  let p: ProposalDetail;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
    unit = await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', {
      name: '区交通运输局',
    });
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'excellent-0001',
      revision: 1,
      title: '关于缓解城区停车难的建议',
      ...TEXT,
      coSignerIds: [ids['demo-member-02']],
    });
    await h.ok('demo-member-01', 'proposals.submit', { proposalId: d.id });
    await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: d.id, accept: true });
    p = await h.ok<ProposalDetail>('demo-staff', 'proposals.get', { proposalId: d.id });
    p = await h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: p.id,
      version: p.version,
    });
  });
  afterEach(() => h.close().catch(() => undefined));

  const get = (openid = 'demo-staff') =>
    h.ok<ProposalDetail>(openid, 'proposals.get', { proposalId: p.id });
  const replied = async () => {
    const cur = await get();
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: cur.version,
      mode: 'joint',
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    return h.ok<ProposalDetail>('demo-staff', 'proposals.recordReply', {
      proposalId: p.id,
      unitId: unit.id,
      replyClass: 'A',
      text: '我局高度重视，已将立体停车场建设纳入年度计划。',
    });
  };
  const mark = (version: number, requestId?: string) =>
    h.call<ProposalDetail>(
      'demo-staff',
      'proposals.markExcellent',
      { proposalId: p.id, version, note: '年度优秀提案评选' },
      requestId,
    );
  const excellentEntries = async () =>
    (
      await h.store.find<EntryDoc>('point_entries', {
        where: { 'source.id': p.id },
      })
    ).filter((e) => e.event.startsWith('proposal.outstanding.'));

  it('marks only an answered accepted proposal, and only staff may', async () => {
    expect((await get()).can.markExcellent).toBe(false);
    expect((await mark(p.version)).ok).toBe(false);
    const err = await h.err('demo-staff', 'proposals.markExcellent', {
      proposalId: p.id,
      version: (await get()).version,
    });
    expect(err.code).toBe('PROPOSAL.NOT_EXCELLENT_YET');
    const r = await replied();
    expect(r.can.markExcellent).toBe(true);
    expect((await get('demo-member-01')).can.markExcellent).toBe(false);
    const forbidden = await h.err('demo-member-01', 'proposals.markExcellent', {
      proposalId: p.id,
      version: r.version,
    });
    expect(forbidden.code).toBe('AUTH.FORBIDDEN');
  });

  it('gives the lead and the co-signer the policy’s outstanding points once, highest merit only', async () => {
    const r = await replied();
    const lead = ids['demo-member-01']!;
    const co = ids['demo-member-02']!;
    const before = [await pointsFrom(h.store, lead, p.id), await pointsFrom(h.store, co, p.id)];
    const first = await mark(r.version, 'req-mark-1');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.data.excellentMark).toMatchObject({ year: 2026, markedBy: expect.any(String) });
    expect(first.data.can).toMatchObject({ markExcellent: false, unmarkExcellent: true });
    expect(first.data.timeline.at(-1)!.action).toBe('评为 2026 年度优秀提案');
    // Default policy: outstanding 25 / 5 replaces accepted 10 / 2 in the merit group.
    expect(await pointsFrom(h.store, lead, p.id)).toBe(before[0]! + 150);
    expect(await pointsFrom(h.store, co, p.id)).toBe(before[1]! + 30);
    // A retry of the same request answers the same and posts nothing more.
    const retry = await mark(r.version, 'req-mark-1');
    expect(retry).toEqual(first);
    expect(await excellentEntries()).toHaveLength(2);
    // A second mark is refused.
    const again = await h.err('demo-staff', 'proposals.markExcellent', {
      proposalId: p.id,
      version: first.data.version,
    });
    expect(again.code).toBe('PROPOSAL.WRONG_STATE');
    await ledgerConsistent(h.store);
  });

  it('reverses the points when unmarked with a reason, and scores again when marked again', async () => {
    const r = await replied();
    const lead = ids['demo-member-01']!;
    const before = await pointsFrom(h.store, lead, p.id);
    const marked = await mark(r.version);
    if (!marked.ok) throw new Error('mark failed');
    const noReason = await h.call('demo-staff', 'proposals.unmarkExcellent', {
      proposalId: p.id,
      version: marked.data.version,
    });
    expect(noReason.ok).toBe(false);
    const un = await h.ok<ProposalDetail>('demo-staff', 'proposals.unmarkExcellent', {
      proposalId: p.id,
      version: marked.data.version,
      reason: '经复核不符合评选条件',
    });
    expect(un.excellentMark).toBeNull();
    expect(un.can.markExcellent).toBe(true);
    expect(await pointsFrom(h.store, lead, p.id)).toBe(before);
    const reversal = (await excellentEntries()).filter((e) => e.kind === 'reversal');
    expect(reversal.length).toBeGreaterThan(0);
    expect(reversal[0]!.reason).toContain('经复核不符合评选条件');
    const again = await mark(un.version);
    expect(again.ok).toBe(true);
    expect(await pointsFrom(h.store, lead, p.id)).toBe(before + 150);
    await ledgerConsistent(h.store);
  });

  it('lets the public list filter by it', async () => {
    const r = await replied();
    const list = (excellent?: boolean) =>
      h.ok<Page<ProposalSummary>>('demo-member-04', 'proposals.listPublic', {
        ...(excellent === undefined ? {} : { excellent }),
      });
    expect((await list(true)).total).toBe(0);
    await mark(r.version);
    const only = await list(true);
    expect(only.items.map((i) => [i.id, i.excellent])).toEqual([[p.id, true]]);
    expect((await list()).items.find((i) => i.id === p.id)!.excellent).toBe(true);
    expect((await get('demo-member-04')).excellentMark).toMatchObject({ year: 2026 });
  });

  it('gives both authors their points once whatever store call of the mark fails', async () => {
    const r = await replied();
    const lead = ids['demo-member-01']!;
    const co = ids['demo-member-02']!;
    const before = [await pointsFrom(h.store, lead, p.id), await pointsFrom(h.store, co, p.id)];
    const calls = await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'proposals.markExcellent',
        payload: { proposalId: p.id, version: r.version },
      },
      async (store) => {
        expect(await pointsFrom(store, lead, p.id)).toBe(before[0]! + 150);
        expect(await pointsFrom(store, co, p.id)).toBe(before[1]! + 30);
        await ledgerConsistent(store);
      },
    );
    expect(calls).toBeGreaterThan(5);
  }, 60_000);

  it('reverses both authors’ points once whatever store call of the unmark fails', async () => {
    const r = await replied();
    const lead = ids['demo-member-01']!;
    const co = ids['demo-member-02']!;
    const before = [await pointsFrom(h.store, lead, p.id), await pointsFrom(h.store, co, p.id)];
    const marked = await mark(r.version);
    if (!marked.ok) throw new Error('mark failed');
    await everyFault(
      h,
      {
        openid: 'demo-staff',
        action: 'proposals.unmarkExcellent',
        payload: { proposalId: p.id, version: marked.data.version, reason: '经复核不符合评选条件' },
      },
      async (store) => {
        expect(await pointsFrom(store, lead, p.id)).toBe(before[0]);
        expect(await pointsFrom(store, co, p.id)).toBe(before[1]);
        await ledgerConsistent(store);
      },
    );
  }, 60_000);
});
