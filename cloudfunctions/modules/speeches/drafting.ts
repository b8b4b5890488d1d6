import { createHash } from 'node:crypto';
import { proposals } from '../../../typings/contracts/proposals';
import { SPEECH_LIMITS, type SpeechSummary } from '../../../typings/contracts/speeches';
import type { SettingsBody } from '../../../typings/contracts/settings';
import { command, handle, type ActionContext } from '../../kernel/action';
import { businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { findPage } from '../../kernel/paging';
import { plenaryMeeting, plenaryMeetings } from '../meetings/plenaries';
import { currentSettings } from '../settings';
import { requireSpeechState, speechAllows } from './lifecycle';
import type { SpeechDoc } from './model';
import { speechStep } from './step';
import { mustGet, readable, toDetail, toSummary } from './views';

/** A draft's id, from its author and the device's draft id: a retried save never forks it. */
export function speechDraftId(authorId: string, clientDraftId: string): string {
  return `sp_${createHash('sha256').update(`${authorId}|${clientDraftId}`).digest('hex').slice(0, 24)}`;
}

/**
 * Autosave, as for proposals: one draft per device draft id, an older revision arriving late
 * never overwrites a newer one. A speech returned by the office is edited the same way.
 */
export const saveSpeech = command(proposals.saveSpeech, 'member', async (ctx, input) => {
  assertMember(ctx);
  const me = ctx.caller.member!;
  const id = speechDraftId(me._id, input.clientDraftId);
  const now = ctx.clock.now();
  const meeting = input.meetingId ? await plenaryMeeting(ctx.store, input.meetingId) : null;
  if (input.meetingId && !meeting) throw fail('SPEECH.MEETING_INVALID');
  const year = meeting ? businessYear(meeting.startsAt) : (input.year ?? businessYear(now));
  if (Math.abs(year - businessYear(now)) > 1)
    throw fail('SPEECH.MEETING_INVALID', '大会发言只能为今年或明年的全体会议撰写');
  const fields = {
    title: input.title,
    body: input.body,
    attachments: input.attachments,
    meeting: meeting
      ? { id: meeting.meetingId, title: meeting.title, startsAt: meeting.startsAt }
      : null,
    year,
    revision: input.revision,
    updatedAt: iso(now),
  };
  await once(ctx, async (tx) => {
    const existing = await tx.get<SpeechDoc>('speeches', id);
    if (existing) {
      requireSpeechState('edit', existing.status);
      if (existing.revision >= input.revision) return;
      await tx.update('speeches', id, { set: fields, inc: { version: 1 } });
      return;
    }
    await tx.insert<SpeechDoc>('speeches', {
      _id: id,
      status: 'draft',
      delivery: 'none',
      clientDraftId: input.clientDraftId,
      authorId: me._id,
      authorName: me.name,
      authorSector: me.sector ?? null,
      returnNote: null,
      timeline: [],
      submittedAt: null,
      settingsVersion: null,
      createdAt: iso(now),
      version: 1,
      ...fields,
    });
  });
  return toDetail(ctx, await mustGet(ctx, id));
});

export const deleteSpeech = command(proposals.deleteSpeech, 'member', async (ctx, { speechId }) => {
  const s = await ctx.store.get<SpeechDoc>('speeches', speechId);
  if (!s) return { deleted: false };
  if (s.authorId !== ctx.caller.member!._id) throw fail('SPEECH.NOT_FOUND');
  requireSpeechState('delete', s.status);
  return { deleted: await ctx.store.remove('speeches', speechId) };
});

/**
 * Sends a draft (or a returned speech, revised) to the office, checked against the committee's
 * limits. Submitting again (a retry) answers it unchanged.
 */
export const submitSpeech = command(proposals.submitSpeech, 'member', async (ctx, { speechId }) => {
  const s = await mustGet(ctx, speechId);
  if (s.authorId !== ctx.caller.member!._id) throw fail('SPEECH.NOT_FOUND');
  if (speechAllows('submit', s.status)) {
    const settings = await currentSettings(ctx.store);
    assertSubmittable(s, settings.body.speeches);
    await speechStep(
      ctx,
      speechId,
      s.version,
      (fresh, now) => ({
        requires: 'edit',
        set: { status: 'submitted', submittedAt: now, settingsVersion: settings.version },
        action: fresh.status === 'returned' ? '修改后重新提交大会发言' : '提交大会发言',
        note: null,
      }),
      false,
    );
  }
  return toDetail(ctx, await mustGet(ctx, speechId));
});

export const getSpeech = handle(proposals.getSpeech, 'member', async (ctx, { speechId }) =>
  toDetail(ctx, await readable(ctx, speechId)),
);

export const listMySpeeches = handle(proposals.listMySpeeches, 'member', async (ctx, input) =>
  findPage<SpeechDoc, SpeechSummary>(
    ctx.store,
    'speeches',
    {
      where: { authorId: ctx.caller.member!._id },
      orderBy: [['updatedAt', 'desc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    toSummary,
  ),
);

/** The plenary meetings of this year and the next (published or held). */
export const listSpeechOccasions = handle(proposals.listSpeechOccasions, 'member', async (ctx) => {
  const year = businessYear(ctx.clock.now());
  const items = await plenaryMeetings(
    ctx.store,
    `${year - 1}-12-31T16:00:00.000Z`,
    `${year + 1}-12-31T16:00:00.000Z`,
  );
  return { items };
});

/** Speeches are a member's duty; the office enters none in its own name. */
function assertMember(ctx: ActionContext): void {
  if (!ctx.caller.member!.roles.includes('member')) throw fail('SPEECH.MEMBERS_ONLY');
}

/** The committee's limits (settings), under the contract's hard bounds. */
function assertSubmittable(s: SpeechDoc, rules: SettingsBody['speeches']): void {
  if (s.title.length < rules.titleMin || s.body.length < rules.bodyMin)
    throw fail(
      'SPEECH.INCOMPLETE',
      `请填写发言标题（至少 ${rules.titleMin} 字）和正文（至少 ${rules.bodyMin} 字）后再提交`,
    );
  const bodyMax = Math.min(rules.bodyMax, SPEECH_LIMITS.body);
  if (s.title.length > SPEECH_LIMITS.title || s.body.length > bodyMax)
    throw fail('SPEECH.TOO_LONG', `发言正文不能超过 ${bodyMax} 字，请删减后再提交`);
}
