import ExcelJS from 'exceljs';
import type { Page } from '../../typings/contracts/envelope';
import type {
  HandlingUnitView,
  ProposalDetail,
  ProposalStats,
  ProposalSummary,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};

describe('proposal handling and evaluation', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let units: HandlingUnitView[];
  let p: ProposalDetail;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((m) => m.openid).map((m) => [m.openid!, m._id]));
    units = [];
    for (const name of ['区交通运输局', '区住房和城乡建设局', '区公安分局'])
      units.push(
        await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', {
          name,
          contactName: '联络员',
        }),
      );
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'handling-0001',
      revision: 1,
      title: '关于缓解城区停车难的建议',
      ...TEXT,
      coSignerIds: [ids['demo-member-02']],
    });
    const s = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
      proposalId: d.id,
    });
    await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: s.id, accept: true });
    const fresh = await h.ok<ProposalDetail>('demo-member-01', 'proposals.get', {
      proposalId: s.id,
    });
    p = await h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: s.id,
      version: fresh.version,
    });
  });
  afterEach(() => h.close());

  const get = () => h.ok<ProposalDetail>('demo-member-01', 'proposals.get', { proposalId: p.id });
  const assignJoint = async () => {
    const cur = await get();
    return h.ok<ProposalDetail>('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: cur.version,
      mode: 'joint',
      units: [
        { unitId: units[0]!.id, role: 'lead' },
        { unitId: units[1]!.id, role: 'co' },
      ],
    });
  };
  const reply = (unit: number, replyClass = 'A') =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.recordReply', {
      proposalId: p.id,
      unitId: units[unit]!.id,
      replyClass,
      text: '我局高度重视，已将立体停车场建设纳入年度计划。',
    });

  it('assigns to a lead unit and a co-handler with a three-month deadline', async () => {
    const a = await assignJoint();
    expect(a.handling).toMatchObject({ stage: 'assigned', round: 1, overdue: false });
    expect(a.handling!.units.map((u) => [u.name, u.role])).toEqual([
      ['区交通运输局', 'lead'],
      ['区住房和城乡建设局', 'co'],
    ]);
    expect(
      new Date(a.handling!.deadline!).getTime() - new Date(a.handling!.assignedAt!).getTime(),
    ).toBe(92 * 86_400_000);
    const bad = await h.err('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: a.version,
      mode: 'joint',
      units: [{ unitId: units[0]!.id, role: 'co' }],
    });
    expect(bad.code).toBe('REQUEST.INVALID');
  });

  it('refuses evaluating before a reply', async () => {
    await assignJoint();
    expect(
      (
        await h.err('demo-member-01', 'proposals.evaluate', {
          proposalId: p.id,
          rating: 'satisfied',
        })
      ).code,
    ).toBe('PROPOSAL.NOT_REPLIED');
  });

  it('takes objections only within the allowed days, then reassigns', async () => {
    await assignJoint();
    await h.ok('demo-staff', 'proposals.recordObjection', {
      proposalId: p.id,
      unitId: units[1]!.id,
      reason: '不属于本单位职责',
    });
    const cur = await get();
    const re = await h.ok<ProposalDetail>('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: cur.version,
      mode: 'joint',
      units: [
        { unitId: units[0]!.id, role: 'lead' },
        { unitId: units[2]!.id, role: 'co' },
      ],
    });
    expect(re.handling!.units.map((u) => u.name)).toEqual(['区交通运输局', '区公安分局']);
    h.clock.advance(8 * 86_400_000);
    expect(
      (
        await h.err('demo-staff', 'proposals.recordObjection', {
          proposalId: p.id,
          unitId: units[2]!.id,
          reason: '太晚了',
        })
      ).code,
    ).toBe('PROPOSAL.OBJECTION_CLOSED');
  });

  it('extends the deadline up to six months, and lists overdue proposals', async () => {
    await assignJoint();
    await h.ok('demo-staff', 'proposals.extendDeadline', {
      proposalId: p.id,
      days: 60,
      reason: '涉及规划调整',
    });
    expect(
      (
        await h.err('demo-staff', 'proposals.extendDeadline', {
          proposalId: p.id,
          days: 60,
          reason: '再次延期',
        })
      ).code,
    ).toBe('PROPOSAL.DEADLINE_LIMIT');
    h.clock.advance(153 * 86_400_000);
    const overdue = await h.ok<Page<ProposalSummary & { units: string[] }>>(
      'demo-staff',
      'proposals.listOverdue',
      {},
    );
    expect(overdue.items.map((x) => x.id)).toEqual([p.id]);
    expect((await get()).handling!.overdue).toBe(true);
    // The timer tells the office, once a day.
    await onTimer(h.services);
    await onTimer(h.services);
    expect(await h.store.count('inbox', { kind: 'proposal.overdue' })).toBe(2); // 办公室小周 and the admin
  });

  it('asks for evaluation once the lead unit replies; unsatisfied sends it back for a second reply', async () => {
    await assignJoint();
    await reply(1, 'B'); // the co-handler alone does not complete the round
    expect((await get()).handling!.stage).toBe('assigned');
    await reply(0, 'B');
    const replied = await get();
    expect(replied).toMatchObject({ handling: { stage: 'replied' }, can: { evaluate: true } });
    expect(await h.store.count('outbox', { kind: 'proposal.reply' })).toBe(2);
    expect(
      (
        await h.err('demo-member-04', 'proposals.evaluate', {
          proposalId: p.id,
          rating: 'satisfied',
        })
      ).code,
    ).toBe('PROPOSAL.NOT_EVALUATOR');
    await h.ok('demo-member-02', 'proposals.evaluate', { proposalId: p.id, rating: 'basic' });
    const back = await h.ok<ProposalDetail>('demo-member-01', 'proposals.evaluate', {
      proposalId: p.id,
      rating: 'unsatisfied',
      attitude: 'basic',
      result: 'unsatisfied',
      comment: '措施不具体',
    });
    expect(back.handling).toMatchObject({ stage: 'rehandling', round: 2 });
    await reply(0, 'A');
    const closed = await h.ok<ProposalDetail>('demo-member-01', 'proposals.evaluate', {
      proposalId: p.id,
      rating: 'satisfied',
    });
    expect(closed.handling!.stage).toBe('closed');
    const ids = async (status: string) =>
      (
        await h.ok<Page<ProposalSummary>>('demo-member-01', 'proposals.listMine', { status })
      ).items.map((x) => x.id);
    expect(await ids('closed')).toEqual([p.id]);
    expect(await ids('active')).toEqual([]);
    expect(closed.handling!.evaluations.map((e) => [e.round, e.name, e.rating])).toEqual([
      [1, closed.coSigners[0]!.name, 'basic'],
      [1, closed.leadName, 'unsatisfied'],
      [2, closed.leadName, 'satisfied'],
    ]);
  });

  it('needs every unit’s reply under separate handling', async () => {
    const cur = await get();
    await h.ok('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: cur.version,
      mode: 'separate',
      units: [{ unitId: units[0]!.id }, { unitId: units[2]!.id }],
    });
    await reply(0);
    expect((await get()).handling!.stage).toBe('assigned');
    await reply(2);
    expect((await get()).handling!.stage).toBe('replied');
  });

  it('marks a key proposal with its supervisor and log; the authors score the key points', async () => {
    await h.ok('demo-staff', 'proposals.markKey', { proposalId: p.id, supervisor: '张副主席' });
    const k = await h.ok<ProposalDetail>('demo-staff', 'proposals.addSupervision', {
      proposalId: p.id,
      note: '赴现场督办，推动纳入年度计划',
    });
    expect(k.handling!.key).toMatchObject({ supervisor: '张副主席' });
    expect(k.handling!.supervision[0]).toMatchObject({
      note: '赴现场督办，推动纳入年度计划',
      by: '办公室小周',
    });
    const mine = await h.store.find<{ _id: string; event: string; points: number }>(
      'point_entries',
      { where: { memberId: ids['demo-member-01']! }, orderBy: [['seq', 'asc']] },
    );
    expect(
      mine.filter((e) => e.event.startsWith('proposal.')).map((e) => [e.event, e.points]),
    ).toEqual([
      ['proposal.submitted', 25],
      ['proposal.accepted.lead', 100],
      ['proposal.key.lead', 100], // highest only: 20 for a key proposal, 10 already counted
    ]);
  });

  it('computes the office’s statistics and exports them', async () => {
    await assignJoint();
    await reply(0, 'A');
    await h.ok('demo-member-01', 'proposals.evaluate', { proposalId: p.id, rating: 'satisfied' });
    const stats = await h.ok<ProposalStats>('demo-staff', 'proposals.getStats', { year: 2026 });
    expect(stats).toMatchObject({
      counts: { received: 1, accepted: 1 },
      replyRate: 1,
      satisfactionRate: 1,
      replyClasses: { A: 1, B: 0 },
    });
    expect(stats.byUnit[0]).toMatchObject({
      name: '区交通运输局',
      assigned: 1,
      replied: 1,
      evaluated: 1,
      satisfied: 1,
    });
    const file = await h.ok<{ contentBase64: string }>('demo-staff', 'proposals.exportStats', {
      year: 2026,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '承办单位', '界别', '提案清单']);
    expect((await h.err('demo-member-01', 'proposals.getStats', { year: 2026 })).code).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});
