import type { MemberDoc } from '../../kernel/identity';
import type { TxOps } from '../../store/port';
import { invitationId, type InvitationDoc, type MeetingDoc } from './model';

/** Invites `member` (again): a new invitation, or the one `had` made current. */
export async function upsertInvitation(
  tx: TxOps,
  m: MeetingDoc,
  member: MemberDoc,
  had: InvitationDoc | undefined,
): Promise<void> {
  const copy = {
    name: member.name,
    sector: member.sector,
    specialCommittee: member.specialCommittee,
    active: true,
    meetingStartsAt: m.startsAt,
    meetingEndsAt: m.endsAt,
    meetingStatus: m.status,
  };
  if (had) {
    await tx.update('meeting_invitations', had._id, { set: copy });
    return;
  }
  await tx.insert<InvitationDoc>('meeting_invitations', {
    _id: invitationId(m._id, member._id),
    meetingId: m._id,
    memberId: member._id,
    ...copy,
    reply: 'none',
    leaveReason: null,
    leaveStatus: null,
    leaveNote: null,
    leaveDecidedBy: null,
    repliedAt: null,
    outcomes: null,
    ledgerKeys: [],
  });
}
