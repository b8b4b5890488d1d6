import type { CloudCostBench, Cost } from './cloud-cost';

/** The CloudBase call budgets (issue: every action fits CloudBase at committee scale). */
export const BUDGET = {
  /** A member-facing action: sequential calls, identity included. */
  memberDepth: 8,
  /** Any invocation of any action: calls in all. */
  calls: 300,
} as const;

const MEMBER = 'demo-member-01';
const OTHER = 'demo-member-02';
const HOST = 'demo-host';
const RESIDENT = 'demo-new-01';

/**
 * What members do from their phones, each one invocation, on the demo committee: reads of
 * every member page and the writes behind their buttons, in an order where each write finds
 * the state it needs (a draft before its submit). Measured as the cloud would run them.
 */
export async function memberScenarios(b: CloudCostBench): Promise<Cost[]> {
  const a = b.seed.activity!;
  const out: Cost[] = [];
  const m = async (openid: string, action: string, payload: unknown = {}) => {
    const cost = await b.measure(openid, action, payload);
    out.push(cost);
    return cost;
  };
  await m(MEMBER, 'members.getMyProfile');
  await m(MEMBER, 'members.listDirectory', {});
  await m(MEMBER, 'ledger.getMyRecord');
  await m(MEMBER, 'ledger.listMyEntries', {});
  await m(MEMBER, 'notify.listInbox');
  await m(MEMBER, 'notify.getUnreadCount');
  await m(MEMBER, 'notify.markRead', { all: true });
  await m(MEMBER, 'meetings.list', {});
  await m(MEMBER, 'meetings.get', { meetingId: a.plenaryId });
  await m(MEMBER, 'meetings.reply', { meetingId: a.plenaryId, answer: 'attend' });
  await m(OTHER, 'meetings.reply', {
    meetingId: a.plenaryId,
    answer: 'leave',
    reason: '外出学习，无法参会',
  });
  await m(MEMBER, 'proposals.listMine', {});
  await m(MEMBER, 'proposals.listCoSignInvitations', {});
  await m(MEMBER, 'proposals.get', { proposalId: a.acceptedProposalId });
  await m(MEMBER, 'proposals.listPublic', {});
  await m(MEMBER, 'proposals.saveDraft', {
    clientDraftId: 'bench-draft-0001',
    revision: 1,
    title: '关于完善社区养老服务设施的建议',
    cause: '我区老年人口比例逐年上升，社区养老服务设施不足，日间照料中心覆盖率低。',
    suggestion: '一是统筹规划社区养老服务用房；二是引入专业机构运营；三是加大财政补贴。',
  });
  await m(MEMBER, 'opinions.listMine', {});
  await m(MEMBER, 'opinions.get', { opinionId: a.opinionId });
  await m(MEMBER, 'reading.listPeriods');
  await m(MEMBER, 'reading.listGroups', {});
  await m(MEMBER, 'reading.getGroup', { groupId: a.readingGroupId });
  await m(MEMBER, 'reading.feed', { scope: 'club' });
  await m(MEMBER, 'reading.getPost', { postId: a.readingPostId });
  await m(MEMBER, 'reading.like', { postId: a.readingPostId, liked: true });
  await m(MEMBER, 'reading.comment', { postId: a.readingPostId, body: '读后很受启发。' });
  await m(MEMBER, 'reading.listComments', { postId: a.readingPostId });
  await m(MEMBER, 'studios.listStudios');
  await m(MEMBER, 'studios.getStudio', { studioId: a.studioId });
  await m(HOST, 'studios.listMatters', { studioId: a.studioId });
  await m(HOST, 'studios.getConsultation', { consultationId: a.consultationId });
  await m(RESIDENT, 'studios.myMatters');
  await m(RESIDENT, 'studios.getMatter', { matterId: a.pendingMatterId });
  // At the door: the code scanned five minutes before the plenary's first session.
  const before = b.clock.now();
  const plenary = await b.call<{
    sessions: Array<{ id: string; startsAt: string }>;
    venue: { latitude?: number | null; longitude?: number | null };
  }>('demo-staff', 'meetings.get', { meetingId: a.plenaryId });
  b.clock.set(new Date(new Date(plenary.sessions[0]!.startsAt).getTime() - 5 * 60_000));
  const { token } = await b.call<{ token: string }>('demo-staff', 'meetings.getCheckInCode', {
    meetingId: a.plenaryId,
    sessionId: plenary.sessions[0]!.id,
  });
  const at = { latitude: plenary.venue.latitude ?? 0, longitude: plenary.venue.longitude ?? 0 };
  await m(MEMBER, 'meetings.resolveCheckInCode', { code: token });
  await m(MEMBER, 'meetings.checkIn', { token, meetingId: a.plenaryId, location: at });
  b.clock.set(before);
  return out;
}
