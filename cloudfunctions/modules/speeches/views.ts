import {
  SPEECH_DELIVERY_LABELS,
  SPEECH_STATUS_LABELS,
  type SpeechDetail,
  type SpeechSummary,
} from '../../../typings/contracts/speeches';
import type { ActionContext } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import { rolesOf, speechCan } from './lifecycle';
import type { SpeechDoc } from './model';

export function toSummary(s: SpeechDoc): SpeechSummary {
  return {
    id: s._id,
    title: s.title,
    year: s.year,
    meeting: s.meeting ? { id: s.meeting.id, title: s.meeting.title } : null,
    status: s.status,
    statusLabel: SPEECH_STATUS_LABELS[s.status],
    delivery: s.delivery,
    deliveryLabel: SPEECH_DELIVERY_LABELS[s.delivery],
    authorName: s.authorName,
    authorSector: s.authorSector,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
  };
}

export function toDetail(ctx: ActionContext, s: SpeechDoc): SpeechDetail {
  const roles = rolesOf(s, ctx.caller);
  const mine = roles.has('author');
  return {
    ...toSummary(s),
    authorId: s.authorId,
    body: s.body,
    attachments: s.attachments,
    returnNote: s.returnNote,
    timeline: s.timeline,
    clientDraftId: mine ? s.clientDraftId : null,
    revision: mine ? s.revision : 0,
    version: s.version,
    can: {
      edit: speechCan('edit', s, roles),
      submit: speechCan('submit', s, roles),
      delete: speechCan('delete', s, roles),
      review: speechCan('review', s, roles),
      choose: speechCan('choose', s, roles),
    },
  };
}

export async function mustGet(ctx: Pick<ActionContext, 'store'>, id: string): Promise<SpeechDoc> {
  const s = await ctx.store.get<SpeechDoc>('speeches', id);
  if (!s) throw fail('SPEECH.NOT_FOUND');
  return s;
}

/** The author's own speech (a draft too), or any submitted one for staff; others see nothing. */
export async function readable(ctx: ActionContext, id: string): Promise<SpeechDoc> {
  const s = await mustGet(ctx, id);
  const roles = rolesOf(s, ctx.caller);
  if (roles.has('author') || (roles.has('staff') && s.status !== 'draft')) return s;
  throw fail('SPEECH.NOT_FOUND');
}
