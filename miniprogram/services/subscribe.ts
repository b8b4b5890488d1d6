/**
 * Subscription messages: WeChat sends a member a message only after they accepted a template
 * on a tap, one message per acceptance, at most 3 templates per request. Pages ask at natural
 * taps (after binding, the 会议 tab's reminder button, replying to a notice) and show how many
 * reminders are left when the backend tells. Nothing here may ever stop what the tap was for.
 */
import type { SubscribeTemplate, TemplateKey } from '../../typings/contracts';
import { api } from './api';

type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** WeChat takes at most 3 templates per request. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/**
 * What each moment asks for, most important first (a request takes the first 3 configured):
 * meeting notices above all; after asking leave, its result.
 */
export const ASK_FOR: Record<'meetingNotices' | 'attend' | 'leave', readonly TemplateKey[]> = {
  /** After binding, and the 会议 tab's "开启会议通知提醒". */
  meetingNotices: ['meetingNotice', 'meetingChange', 'replyReminder'],
  /** Replying "attend" to a notice: the next notices, and changes to this meeting. */
  attend: ['meetingNotice', 'meetingChange', 'replyReminder'],
  /** Asking leave: its result, then notices and changes. */
  leave: ['leaveResult', 'meetingNotice', 'meetingChange'],
};

/** Reminders left per template, as far as the backend has told. */
export type Remaining = Partial<Record<TemplateKey, number>>;

/** Templates once loaded: with them at hand the request is made in the tap itself. */
let known: SubscribeTemplate[] | null = null;
let pending: Promise<SubscribeTemplate[]> | null = null;
let remaining: Remaining = {};

function learn(counts: Remaining): void {
  remaining = { ...remaining, ...counts };
}

/**
 * Loads the templates ahead of the tap. The platform may refuse a request made after an
 * awaited network call ("can only be invoked by user TAP gesture"), so pages call this when
 * they show the buttons. Never rejects: a failure means no request this time.
 */
export function prefetchSubscribeTemplates(): Promise<SubscribeTemplate[]> {
  if (known) return Promise.resolve(known);
  if (!pending) {
    pending = api.notify
      .getSubscribeTemplates({})
      .then(({ templates }) => {
        known = templates;
        const counts: Remaining = {};
        for (const t of templates) if (typeof t.remaining === 'number') counts[t.key] = t.remaining;
        learn(counts);
        return known;
      })
      .catch(() => [] as SubscribeTemplate[])
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

/** Whether the deployment has a template for `key` (known once prefetched). */
export function canAskFor(key: TemplateKey): boolean {
  return Boolean(known?.some((t) => t.key === key));
}

/** How many messages of `key` the member may still receive; null while unknown. */
export function remainingFor(key: TemplateKey): number | null {
  return remaining[key] ?? null;
}

/** The template ids for `keys`, in that order, as configured: at most 3. */
function idsFor(templates: SubscribeTemplate[], keys: readonly TemplateKey[]): string[] {
  const ids: string[] = [];
  for (const key of keys) {
    const t = templates.find((x) => x.key === key);
    if (t && !ids.includes(t.templateId)) ids.push(t.templateId);
  }
  return ids.slice(0, MAX_TEMPLATES_PER_REQUEST);
}

function request(tmplIds: string[]): Promise<Record<string, SubscribeAnswer>> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res) => {
          const results: Record<string, SubscribeAnswer> = {};
          for (const id of tmplIds) {
            const answer = res[id];
            if (typeof answer === 'string' && ANSWERS.includes(answer))
              results[id] = answer as SubscribeAnswer;
          }
          resolve(results);
        },
        fail: () => resolve({}),
      });
    } catch {
      // An old base library without the API.
      resolve({});
    }
  });
}

export interface SubscribeOutcome {
  /** The member was shown WeChat's sheet (or it answered by their saved choice). */
  asked: boolean;
  /** The answer per template key asked (a key is missing when WeChat gave none). */
  answers: Partial<Record<TemplateKey, SubscribeAnswer>>;
  /**
   * What the backend counts after the report: reminders left per template; null when
   * nothing was reported or the report failed. Never rejects.
   */
  remaining: Promise<Remaining | null>;
}

const NOT_ASKED: SubscribeOutcome = { asked: false, answers: {}, remaining: Promise.resolve(null) };

/**
 * Asks the member to subscribe to `keys` (call first thing in a tap handler) and reports the
 * answers. Resolves when the member has answered the sheet and never rejects; the report goes
 * on in the background (`remaining`), so the tap's own work need not wait for it.
 */
export async function askSubscriptions(
  keys: readonly TemplateKey[] = ASK_FOR.meetingNotices,
): Promise<SubscribeOutcome> {
  const templates = known ?? (await prefetchSubscribeTemplates());
  const ids = idsFor(templates, keys);
  if (ids.length === 0) return NOT_ASKED;
  const results = await request(ids);
  if (Object.keys(results).length === 0) return NOT_ASKED;
  const answers: SubscribeOutcome['answers'] = {};
  for (const t of templates) if (results[t.templateId]) answers[t.key] = results[t.templateId];
  const report = api.notify
    .reportSubscriptions({ results })
    .then((res) => {
      learn(res.remaining);
      return res.remaining;
    })
    .catch(() => null);
  return { asked: true, answers, remaining: report };
}

/** For tests. */
export function resetSubscriptions(): void {
  known = null;
  pending = null;
  remaining = {};
}
