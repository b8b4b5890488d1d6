import type { Page } from '../../typings/contracts/envelope';
import type {
  HandlingUnitView,
  ProposalDetail,
  UnitContactView,
  UnitProposalView,
  UnitTask,
} from '../../typings/contracts/proposals';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { OutboxDoc } from '../../cloudfunctions/modules/notify/outbox';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import type { StoredDoc } from '../../cloudfunctions/store/port';
import { makeHarness, type Harness } from '../support/harness';

const TEXT = {
  cause: '我区部分路段早晚高峰拥堵严重，停车位缺口大，占道停车现象普遍，群众出行不便。',
  suggestion: '建议规划建设立体停车场，推行错时共享停车，加强占道停车治理和智慧停车平台建设。',
};
const REPLY = '我局高度重视，已将立体停车场建设纳入年度计划，年内新增公共停车泊位八百个。';

type UnitQueuePage = Page<UnitTask> & { counts: Record<'open' | 'answered', number> };

/**
 * A proposal followed from assignment to 办结 with the units' own accounts doing their part:
 * 签收, the lead's reply with its letter, the co-handler's sign-off, the office's review, the
 * proposer's evaluation; and what each account may not do.
 */
describe('handling units online', () => {
  let h: Harness;
  let units: HandlingUnitView[];
  let p: ProposalDetail;
  /** Unit index → the openid its contact account is bound with. */
  const unitOpenid = (i: number) => `unit-openid-${i}`;

  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    const co = all.find((m) => m.openid === 'demo-member-02')!;
    units = [];
    for (const name of ['区交通运输局', '区住房和城乡建设局', '区公安分局'])
      units.push(
        await h.ok<HandlingUnitView>('demo-staff', 'proposals.saveUnit', {
          name,
          contactName: '联络员',
          contactPhone: '0571-88886666',
        }),
      );
    for (const [i, unit] of units.entries()) {
      const contact = await h.ok<UnitContactView>('demo-staff', 'proposals.saveUnitContact', {
        unitId: unit.id,
        name: `联络员${'甲乙丙'[i]}`,
        phone: `1390000010${i}`,
      });
      const invite = await h.ok<{ code: string }>('demo-staff', 'members.issueInviteCode', {
        memberId: contact.memberId,
      });
      await h.ok(unitOpenid(i), 'members.bindByInviteCode', { code: invite.code });
    }
    const d = await h.ok<ProposalDetail>('demo-member-01', 'proposals.saveDraft', {
      clientDraftId: 'units-online-0001',
      revision: 1,
      title: '关于缓解城区停车难的建议',
      ...TEXT,
      coSignerIds: [co._id],
    });
    const s = await h.ok<ProposalDetail>('demo-member-01', 'proposals.submit', {
      proposalId: d.id,
    });
    await h.ok('demo-member-02', 'proposals.respondCoSign', { proposalId: s.id, accept: true });
    const fresh = await h.ok<ProposalDetail>('demo-staff', 'proposals.get', { proposalId: s.id });
    p = await h.ok<ProposalDetail>('demo-staff', 'proposals.accept', {
      proposalId: s.id,
      version: fresh.version,
    });
  });
  afterEach(() => h.close());

  const staffGet = () => h.ok<ProposalDetail>('demo-staff', 'proposals.get', { proposalId: p.id });
  const assign = async (mode: 'joint' | 'separate', picked = [0, 1]) =>
    h.ok<ProposalDetail>('demo-staff', 'proposals.assign', {
      proposalId: p.id,
      version: (await staffGet()).version,
      mode,
      units: picked.map((i, n) => ({ unitId: units[i]!.id, role: n === 0 ? 'lead' : 'co' })),
    });
  const asUnit = <T = UnitProposalView>(i: number, action: string, payload: object = {}) =>
    h.ok<T>(unitOpenid(i), `proposals.${action}`, { proposalId: p.id, ...payload });
  const unitErr = (i: number, action: string, payload: object = {}) =>
    h.err(unitOpenid(i), `proposals.${action}`, { proposalId: p.id, ...payload });
  const outboxFor = async (openid: string, kind: string) => {
    const member = (await h.store.find<MemberDoc>('members', { where: { openid } }))[0]!;
    return h.store.find<OutboxDoc>('outbox', { where: { memberId: member._id, kind } });
  };

  it('follows a joint proposal from assignment to 办结 with the units doing their part', async () => {
    await assign('joint');
    expect(await outboxFor(unitOpenid(0), 'proposal.assigned')).toHaveLength(1);
    expect(await outboxFor(unitOpenid(1), 'proposal.assigned')).toHaveLength(1);
    expect(await outboxFor(unitOpenid(2), 'proposal.assigned')).toHaveLength(0);
    // By SMS too when the settings say so (off by default): the outbox asks for it.
    expect((await outboxFor(unitOpenid(0), 'proposal.assigned'))[0]!.sms).toMatchObject({
      template: 'unitAssigned',
    });

    const queue = await h.ok<UnitQueuePage>(unitOpenid(0), 'proposals.unitQueue', {});
    expect(queue.items.map((t) => [t.title, t.role, t.next])).toEqual([
      ['关于缓解城区停车难的建议', 'lead', '待签收'],
    ]);
    expect(queue.counts).toEqual({ open: 1, answered: 0 });

    // Before 签收 nothing can be written.
    expect((await unitErr(0, 'unitSaveReply', { replyClass: 'A', text: REPLY })).code).toBe(
      'PROPOSAL.WRONG_STATE',
    );
    let lead = await asUnit(0, 'unitAccept');
    expect(lead.can).toMatchObject({ accept: false, object: false, writeReply: true });
    await asUnit(1, 'unitAccept');

    // The co-handler does not write the reply.
    expect((await unitErr(1, 'unitSaveReply', { replyClass: 'A', text: REPLY })).code).toBe(
      'PROPOSAL.WRONG_STATE',
    );
    const letter = await h.upload('答复函.pdf', Buffer.from('%PDF-1.4 stamped letter'));
    lead = await asUnit(0, 'unitSaveReply', {
      replyClass: 'B',
      text: REPLY,
      letter: { fileId: letter, name: '答复函.pdf' },
    });
    expect(lead.mine.draft).toMatchObject({ status: 'draft', replyClass: 'B' });
    // A draft is the unit's own: the proposer and the co-handler do not see it yet.
    const byProposer = await h.ok<ProposalDetail>('demo-member-01', 'proposals.get', {
      proposalId: p.id,
    });
    expect(byProposer.handling!.units.every((u) => !u.draft)).toBe(true);
    expect(byProposer.timeline.some((t) => t.action.includes('草稿'))).toBe(false);
    expect((await asUnit(1, 'unitGet')).leadDraft).toBeNull();

    lead = await asUnit(0, 'unitSubmitReply');
    expect(lead.mine.draft!.status).toBe('signing');
    expect(await outboxFor(unitOpenid(1), 'proposal.signOff')).toHaveLength(1);
    const co = await asUnit(1, 'unitGet');
    expect(co.leadDraft).toMatchObject({ status: 'signing', text: REPLY });
    expect(co.can.signOff).toBe(true);
    await asUnit(1, 'unitSignOff', { note: '同意主办单位答复意见' });
    expect(await outboxFor('demo-staff', 'proposal.replyReview')).toHaveLength(1);
    expect((await asUnit(0, 'unitGet')).mine.draft!.status).toBe('review');

    // The office sends it back once, the lead revises, the co-handler signs again.
    await h.ok('demo-staff', 'proposals.reviewReply', {
      proposalId: p.id,
      unitId: units[0]!.id,
      approve: false,
      note: '请写明新增泊位的具体地点和完成时限',
    });
    lead = await asUnit(0, 'unitGet');
    expect(lead.mine.draft).toMatchObject({
      status: 'returned',
      returnNote: '请写明新增泊位的具体地点和完成时限',
    });
    expect(await outboxFor(unitOpenid(0), 'proposal.replyReviewed')).toHaveLength(1);
    await asUnit(0, 'unitSaveReply', {
      replyClass: 'B',
      text: `${REPLY}泊位设在人民路、解放路两处，十月底前完成。`,
      letter: { fileId: letter, name: '答复函.pdf' },
    });
    await asUnit(0, 'unitSubmitReply');
    await asUnit(1, 'unitSignOff');

    // Approved with another class: recorded as the lead's reply; the proposer is asked to rate.
    const approved = await h.ok<ProposalDetail>('demo-staff', 'proposals.reviewReply', {
      proposalId: p.id,
      unitId: units[0]!.id,
      approve: true,
      replyClass: 'A',
    });
    expect(approved.handling!.stage).toBe('replied');
    const recorded = approved.handling!.units[0]!.replies[0]!;
    expect(recorded).toMatchObject({ round: 1, replyClass: 'A' });
    expect(recorded.letter).toEqual({ fileId: letter, name: '答复函.pdf' });
    expect(approved.timeline.at(-1)!.note).toContain('由 B 类改为 A 类');
    expect(await outboxFor('demo-member-01', 'proposal.reply')).toHaveLength(1);
    expect(
      (await h.ok<UnitQueuePage>(unitOpenid(0), 'proposals.unitQueue', { queue: 'answered' }))
        .total,
    ).toBe(1);

    const rated = await h.ok<ProposalDetail>('demo-member-01', 'proposals.evaluate', {
      proposalId: p.id,
      rating: 'satisfied',
    });
    expect(rated.handling!.stage).toBe('closed');
  });

  it('keeps each account to its own: no member actions, no other units, no phone numbers', async () => {
    await assign('separate', [0, 1]);
    // A unit's account is not a member.
    for (const action of ['proposals.get', 'proposals.listPublic', 'members.listDirectory']) {
      const e = await h.err(
        unitOpenid(0),
        action,
        action.endsWith('get') ? { proposalId: p.id } : {},
      );
      expect(e.code).toBe('AUTH.FORBIDDEN');
    }
    // Its profile and inbox still work.
    expect(
      await h.ok<{ roles: string[] }>(unitOpenid(0), 'members.getMyProfile', {}),
    ).toMatchObject({ roles: ['unit'] });
    await h.ok(unitOpenid(0), 'notify.listInbox', {});

    // The unit not given it does not find it; members cannot call unit actions.
    expect((await unitErr(2, 'unitGet')).code).toBe('PROPOSAL.NOT_FOUND');
    expect((await unitErr(2, 'unitAccept')).code).toBe('PROPOSAL.NOT_FOUND');
    expect((await h.err('demo-member-01', 'proposals.unitGet', { proposalId: p.id })).code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(
      (
        await h.err(unitOpenid(0), 'proposals.reviewReply', {
          proposalId: p.id,
          unitId: units[0]!.id,
          approve: true,
        })
      ).code,
    ).toBe('AUTH.FORBIDDEN');

    // Separate handling: a unit sees neither the other unit nor its reply.
    await asUnit(0, 'unitAccept');
    await asUnit(1, 'unitAccept');
    await asUnit(1, 'unitSaveReply', { replyClass: 'A', text: REPLY });
    await asUnit(1, 'unitSubmitReply');
    const view = await asUnit(0, 'unitGet');
    expect(view.partners).toEqual([]);
    expect(view.leadDraft).toBeNull();
    const json = JSON.stringify(view);
    expect(json).not.toContain(REPLY);
    expect(json).not.toMatch(/1[3-9]\d{9}/);
    expect(json).not.toContain('0571-88886666');
  });

  it('takes an objection within the window only, before 签收; the office reassigns', async () => {
    await assign('joint');
    expect((await asUnit(1, 'unitGet')).can.object).toBe(true);
    await asUnit(1, 'unitObject', { reason: '停车设施建设不属于本局职责' });
    expect(await outboxFor('demo-staff', 'proposal.objection')).toHaveLength(1);
    expect((await unitErr(1, 'unitObject', { reason: '再提一次' })).code).toBe(
      'PROPOSAL.OBJECTION_CLOSED',
    );
    const detail = await staffGet();
    expect(detail.handling!.units[1]!.objection!.reason).toBe('停车设施建设不属于本局职责');
    await assign('joint', [0, 2]);
    expect((await unitErr(1, 'unitGet')).code).toBe('PROPOSAL.NOT_FOUND');
    expect((await asUnit(2, 'unitGet')).mine.role).toBe('co');

    // After the window (7 days by default) there is no objection.
    h.clock.advance(8 * 86_400_000);
    expect((await unitErr(2, 'unitObject', { reason: '不属于本单位职责' })).code).toBe(
      'PROPOSAL.OBJECTION_CLOSED',
    );
  });

  it('sends extension requests to the office, within the longest handling time', async () => {
    await assign('joint');
    await asUnit(0, 'unitAccept');
    const asked = await asUnit(0, 'unitRequestExtension', {
      days: 30,
      reason: '需协调规划部门选址',
    });
    expect(asked.extension).toMatchObject({ status: 'pending', days: 30 });
    expect(asked.can.requestExtension).toBe(false);
    expect(await outboxFor('demo-staff', 'proposal.extensionRequest')).toHaveLength(1);
    const before = (await staffGet()).handling!.deadline!;
    const decided = await h.ok<ProposalDetail>('demo-staff', 'proposals.decideExtension', {
      proposalId: p.id,
      approve: true,
    });
    expect(new Date(decided.handling!.deadline!).getTime() - new Date(before).getTime()).toBe(
      30 * 86_400_000,
    );
    expect(await outboxFor(unitOpenid(0), 'proposal.extensionDecided')).toHaveLength(1);
    expect(
      (await h.err('demo-staff', 'proposals.decideExtension', { proposalId: p.id, approve: true }))
        .code,
    ).toBe('PROPOSAL.WRONG_STATE');
    // Past the settings' six months an extension is refused.
    await asUnit(0, 'unitRequestExtension', { days: 92, reason: '需列入明年财政预算' });
    expect(
      (await h.err('demo-staff', 'proposals.decideExtension', { proposalId: p.id, approve: true }))
        .code,
    ).toBe('PROPOSAL.DEADLINE_LIMIT');
    // The co-handler does not ask for time: the lead does.
    expect((await unitErr(1, 'unitRequestExtension', { days: 10, reason: '需要时间' })).code).toBe(
      'PROPOSAL.WRONG_STATE',
    );
  });

  it('reminds the units once before the deadline, again after an extension', async () => {
    await assign('joint');
    await onTimer(h.services);
    expect(await outboxFor(unitOpenid(0), 'proposal.deadline')).toHaveLength(0);
    h.clock.advance(86 * 86_400_000); // 6 days before the 92-day deadline
    await onTimer(h.services);
    await onTimer(h.services);
    expect(await outboxFor(unitOpenid(0), 'proposal.deadline')).toHaveLength(1);
    expect(await outboxFor(unitOpenid(1), 'proposal.deadline')).toHaveLength(1);
    await h.ok('demo-staff', 'proposals.extendDeadline', {
      proposalId: p.id,
      days: 3,
      reason: '协调中',
    });
    // The new deadline is 9 days off: reminded when it is within 7.
    await onTimer(h.services);
    expect(await outboxFor(unitOpenid(0), 'proposal.deadline')).toHaveLength(1);
    h.clock.advance(3 * 86_400_000);
    await onTimer(h.services);
    expect(await outboxFor(unitOpenid(0), 'proposal.deadline')).toHaveLength(2);
  });

  it('texts the units of an assignment when the settings say so, once each', async () => {
    const current = await h.ok<Record<string, unknown> & { version: number }>(
      'demo-admin',
      'settings.get',
      {},
    );
    const { version, updatedAt: _a, updatedBy: _b, note: _n, ...body } = current;
    await h.ok('demo-admin', 'settings.update', {
      version,
      note: '交办提案时短信通知承办单位',
      settings: { ...body, sms: { ...(body.sms as object), unitAssigned: 'always' } },
    });
    await assign('joint');
    await onTimer(h.services);
    await onTimer(h.services);
    const sent = await h.store.find<StoredDoc & { phone: string; template: string }>(
      'dev_sent_sms',
      {},
    );
    expect(sent.map((m) => [m.phone, m.template]).sort()).toEqual([
      ['+8613900000100', 'unitAssigned'],
      ['+8613900000101', 'unitAssigned'],
    ]);
  });

  it('answers a retried unit command with its first answer', async () => {
    await assign('joint');
    await asUnit(0, 'unitAccept');
    const first = await h.call(
      unitOpenid(0),
      'proposals.unitSaveReply',
      {
        proposalId: p.id,
        replyClass: 'A',
        text: REPLY,
      },
      'unit-save-0001',
    );
    const again = await h.call(
      unitOpenid(0),
      'proposals.unitSaveReply',
      {
        proposalId: p.id,
        replyClass: 'A',
        text: REPLY,
      },
      'unit-save-0001',
    );
    expect(again).toEqual(first);
    const contacts = await h.ok<{ items: UnitContactView[] }>(
      'demo-staff',
      'proposals.listUnitContacts',
      { unitId: units[0]!.id },
    );
    expect(contacts.items).toEqual([
      expect.objectContaining({ name: '联络员甲', bound: true, active: true }),
    ]);
    // A phone already on the roster is refused.
    const taken = await h.err('demo-staff', 'proposals.saveUnitContact', {
      unitId: units[0]!.id,
      name: '联络员丁',
      phone: '13900000101',
    });
    expect(taken.code).toBe('MEMBER.PHONE_TAKEN');
    // Not on the committee's roster (the units page keeps them).
    const roster = await h.ok<Page<{ name: string }>>('demo-staff', 'members.listRoster', {
      keyword: '联络员',
    });
    expect(roster.total).toBe(0);
  });
});
