import { MEETING_STATUS_LABELS } from '../../../typings/contracts/meetings';
import { OPINION_STATUS_LABELS, type OpinionStatus } from '../../../typings/contracts/opinions';
import { PROPOSAL_STATUS_LABELS, type ProposalStatus } from '../../../typings/contracts/proposals';
import {
  CONSULTATION_SOURCE_LABELS,
  CONSULTATION_STATUS_LABELS,
  MATTER_STATUS_LABELS,
  OUTCOME_DRAFT_KIND_LABELS,
  type ConsultationDetail,
  type ConsultationSummary,
  type LinkedMeetingView,
  type MatterView,
  type OutcomeDraftView,
} from '../../../typings/contracts/studios';
import type { ActionContext } from '../../kernel/action';
import { businessDate } from '../../kernel/clock';
import type { DocumentStore, StoredDoc } from '../../store/port';
import { linkedMeetingState } from '../meetings/linked';
import { isStaff, isWorker } from './access';
import {
  C,
  type ConsultationDoc,
  type DraftLinkDoc,
  type MatterDoc,
  type MeetingLinkDoc,
  type OutcomeDoc,
  type StudioDoc,
} from './model';

/** An outcome past its deadline (Beijing day) and not carried out. */
export function isOverdue(o: OutcomeDoc, today: string): boolean {
  return !o.done && o.deadline !== null && o.deadline < today;
}

export function summaryOf(c: ConsultationDoc, today: string): ConsultationSummary {
  return {
    id: c._id,
    studioId: c.studioId,
    studioName: c.studioName,
    topic: c.topic,
    source: c.source,
    sourceLabel: CONSULTATION_SOURCE_LABELS[c.source],
    date: c.date,
    place: c.place,
    status: c.status,
    statusLabel: CONSULTATION_STATUS_LABELS[c.status],
    participantCount: 1 + c.members.length + c.residents + c.officials + c.experts,
    outcomeCount: c.outcomes.length,
    overdueCount: c.status === 'planned' ? 0 : c.outcomes.filter((o) => isOverdue(o, today)).length,
  };
}

/** The drafts made from outcomes, with where each proposal or report stands now. */
export async function draftViews(
  store: Pick<DocumentStore, 'get'>,
  links: DraftLinkDoc[],
): Promise<Array<OutcomeDraftView & { outcomeId: string }>> {
  const out: Array<OutcomeDraftView & { outcomeId: string }> = [];
  for (const l of links) {
    if (!l.applied) continue;
    const doc = await store.get<StoredDoc & { status: string; title: string }>(
      l.kind === 'proposal' ? 'proposals' : 'opinions',
      l.draftId,
    );
    if (!doc) continue; // the member deleted the draft
    const statusLabel =
      l.kind === 'proposal'
        ? PROPOSAL_STATUS_LABELS[doc.status as ProposalStatus]
        : OPINION_STATUS_LABELS[doc.status as OpinionStatus];
    out.push({
      outcomeId: l.outcomeId,
      kind: l.kind,
      kindLabel: OUTCOME_DRAFT_KIND_LABELS[l.kind],
      id: l.draftId,
      title: doc.title || l.title,
      authorName: l.memberName,
      statusLabel: statusLabel ?? doc.status,
    });
  }
  return out;
}

export function linksOf(store: DocumentStore, consultationId: string): Promise<DraftLinkDoc[]> {
  return store.find<DraftLinkDoc>(C.drafts, { where: { consultationId }, limit: 200 });
}

export async function detailOf(
  ctx: ActionContext,
  c: ConsultationDoc,
  s: StudioDoc,
): Promise<ConsultationDetail> {
  const today = businessDate(ctx.clock.now());
  const drafts = await draftViews(ctx.store, await linksOf(ctx.store, c._id));
  const matters = await Promise.all(
    c.matterIds.map((id) => ctx.store.get<MatterDoc>(C.matters, id)),
  );
  const worker = isWorker(ctx, s);
  const me = ctx.caller.member;
  const present = !!me && (c.hostMemberId === me._id || c.members.some((m) => m.id === me._id));
  const open = c.status !== 'closed';
  const meeting = await meetingViewOf(ctx.store, c);
  return {
    ...summaryOf(c, today),
    sourceNote: c.sourceNote,
    hostMemberId: c.hostMemberId,
    hostName: c.hostName,
    minuteTaker: c.minuteTaker,
    members: c.members,
    residents: c.residents,
    officials: c.officials,
    experts: c.experts,
    issues: c.issues,
    outcomes: c.outcomes.map((o) => ({
      ...o,
      overdue: c.status !== 'planned' && isOverdue(o, today),
      drafts: drafts.filter((d) => d.outcomeId === o.id).map(({ outcomeId: _, ...d }) => d),
    })),
    feedback: c.feedback,
    photos: c.photos,
    signInSheet: c.signInSheet,
    matters: matters.flatMap((m) => (m ? [{ id: m._id, topic: m.topic }] : [])),
    can: {
      edit: worker && open,
      hold: worker && c.status === 'planned',
      followUp: worker && (c.status === 'held' || c.status === 'followingUp'),
      close: worker && (c.status === 'held' || c.status === 'followingUp'),
      reopen: worker && c.status === 'closed',
      delete: worker,
      draft:
        c.status !== 'planned' && present && !!me?.roles.includes('member') && !isStaffOnly(ctx),
      publishMeeting:
        worker &&
        c.status === 'planned' &&
        c.date >= today &&
        (!meeting || meeting.status === 'cancelled'),
    },
    // Its meeting is the business of those invited and the studio's workers.
    meeting: worker || present ? meeting : null,
    version: c.version,
  };
}

/** The meeting of kind 协商活动 the log was last published as: its live state. */
export async function meetingViewOf(
  store: DocumentStore,
  c: ConsultationDoc,
): Promise<LinkedMeetingView | null> {
  if (!c.meetingId) return null;
  const link = await store.get<MeetingLinkDoc>(C.meetings, c.meetingId);
  if (!link) return null;
  const state = await linkedMeetingState(store, link._id);
  if (!state || (link.want === 'publish' && !link.applied))
    return {
      id: link._id,
      status: 'publishing',
      statusLabel: '发布中',
      startsAt: link.spec.startsAt,
      endsAt: link.spec.endsAt,
      replyDeadline: link.spec.replyDeadline,
      invited: 0,
      checkedIn: 0,
    };
  return {
    id: link._id,
    status: state.status,
    statusLabel: MEETING_STATUS_LABELS[state.status],
    startsAt: state.startsAt,
    endsAt: state.endsAt,
    replyDeadline: state.replyDeadline,
    invited: state.invited,
    checkedIn: state.checkedIn.length,
  };
}

/** Staff who are not also members write no proposals of their own. */
function isStaffOnly(ctx: ActionContext): boolean {
  return isStaff(ctx) && !ctx.caller.member?.roles.includes('member');
}

/** A matter as its raiser, the studio's workers or staff see it. */
export async function matterView(
  ctx: ActionContext,
  m: MatterDoc,
  s: StudioDoc,
): Promise<MatterView> {
  const worker = isWorker(ctx, s);
  const c = m.consultationId
    ? await ctx.store.get<ConsultationDoc>(C.consultations, m.consultationId)
    : null;
  const became = c ? await draftViews(ctx.store, await linksOf(ctx.store, c._id)) : [];
  return {
    id: m._id,
    studioId: m.studioId,
    studioName: s.name,
    topic: m.topic,
    description: m.description,
    photos: m.photos,
    status: m.status,
    statusLabel: MATTER_STATUS_LABELS[m.status],
    reply: m.reply,
    consultation: c
      ? {
          id: c._id,
          topic: c.topic,
          statusLabel: CONSULTATION_STATUS_LABELS[c.status],
          feedback: c.status === 'closed' ? c.feedback : null,
        }
      : null,
    became: became.map(({ outcomeId: _, ...d }) => d),
    progress: m.progress,
    contactName: worker ? m.contactName || null : null,
    contactPhone: worker ? m.contactPhone || null : null,
    flagged: worker && m.flagged,
    mine: m.openid === ctx.caller.openid,
    createdAt: m.createdAt,
    can: { triage: worker && m.status === 'pending' },
  };
}
