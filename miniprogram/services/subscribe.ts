/**
 * Subscription messages: WeChat sends a member a message only after they accepted a template
 * on a tap, one message per acceptance, at most 3 templates per request. Pages ask at a
 * natural tap (replying to a notice). Nothing here may ever stop what the tap was for.
 */
import { api } from './api';

type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** WeChat takes at most 3 templates per request. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** Template ids once loaded: with them at hand the request is made in the tap itself. */
let known: string[] | null = null;
let pending: Promise<string[]> | null = null;

/**
 * Loads the template ids ahead of the tap. The platform may refuse a request made after an
 * awaited network call ("can only be invoked by user TAP gesture"), so pages call this when
 * they show the buttons. Never rejects: a failure means no request this time.
 */
export function prefetchSubscribeTemplates(): Promise<string[]> {
  if (known) return Promise.resolve(known);
  if (!pending) {
    pending = api.notify
      .getSubscribeTemplates({})
      .then(({ templates }) => {
        known = templates.map((t) => t.templateId).slice(0, MAX_TEMPLATES_PER_REQUEST);
        return known;
      })
      .catch(() => [] as string[])
      .finally(() => {
        pending = null;
      });
  }
  return pending;
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

/**
 * Asks the member to subscribe (call first thing in a tap handler) and reports the answers.
 * Resolves when the member has answered the sheet, never rejects, and does not wait for the
 * report to reach the server.
 */
export async function askSubscriptions(): Promise<void> {
  const ids = known ?? (await prefetchSubscribeTemplates());
  if (ids.length === 0) return;
  const results = await request(ids);
  if (Object.keys(results).length === 0) return;
  api.notify.reportSubscriptions({ results }).catch(() => undefined);
}

/** For tests. */
export function resetSubscriptions(): void {
  known = null;
  pending = null;
}
