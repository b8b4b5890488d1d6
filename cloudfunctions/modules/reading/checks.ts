import type { SettingsBody } from '../../../typings/contracts/settings';
import type { Services } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { effectConsumer } from '../../kernel/effects';
import { forEachLimit } from '../../kernel/concurrency';
import {
  checkUserText,
  DEV_MEDIA_VERDICTS,
  type DevMediaVerdictDoc,
  type CheckScene,
  type TextVerdict,
  type Verdict,
} from '../../ports/content-check';
import { verdictOf } from '../../adapters/wechat-security';
import type { TxOps } from '../../store/port';
import { currentSettings } from '../settings';
import { C, hashId, VERDICT_WAIT_MS, type ImageCheck, type MediaDoc, type PostDoc } from './model';
import { decide, savePost } from './visibility';

export const MEDIA_EFFECT = 'readingMedia';

export type PostRules = SettingsBody['posts'];

/** Text through the committee's word lists, then the content-check port (`checkUserText`). */
export function checkText(
  services: Pick<Services, 'contentChecks'>,
  rules: PostRules,
  text: string,
  scene: CheckScene,
  openid: string | null,
): Promise<TextVerdict> {
  return checkUserText(services.contentChecks, rules, { text, scene, openid });
}

/**
 * The images of a post as they stand after an edit: a photo already judged keeps its
 * verdict; a new one is pending, with its check document written in this transaction and
 * requested after the commit (or by the timer).
 */
export async function imageChecks(
  tx: TxOps,
  by: { clock: Services['clock']; effects?: { add(kind: string, id: string): void } },
  post: Pick<PostDoc, '_id' | 'photos' | 'images'>,
  openid: string | null,
): Promise<ImageCheck[]> {
  const now = iso(by.clock.now());
  const out: ImageCheck[] = [];
  for (const photo of post.photos) {
    const known = post.images.find((i) => i.fileId === photo.fileId);
    if (known) {
      out.push(known);
      continue;
    }
    const _id = hashId('rmd', post._id, photo.fileId);
    const prior = await tx.get<MediaDoc>(C.media, _id);
    if (prior?.verdict) {
      out.push({
        fileId: photo.fileId,
        name: photo.name,
        verdict: prior.verdict,
        reason: prior.reason,
      });
      continue;
    }
    if (!prior)
      await tx.insert<MediaDoc>(C.media, {
        _id,
        postId: post._id,
        fileId: photo.fileId,
        name: photo.name,
        authorOpenid: openid,
        status: 'toRequest',
        traceId: null,
        verdict: null,
        reason: null,
        createdAt: now,
        requestedAt: null,
        attempts: 0,
      });
    by.effects?.add(MEDIA_EFFECT, _id);
    out.push({ fileId: photo.fileId, name: photo.name, verdict: 'pending', reason: null });
  }
  return out;
}

/** Asks the checker about each image not yet asked; a failure is retried by the timer. */
export async function requestMediaChecks(services: Services, ids: string[]): Promise<void> {
  await forEachLimit(ids, 4, async (id) => {
    const m = await services.store.get<MediaDoc>(C.media, id);
    if (!m || m.status !== 'toRequest') return;
    try {
      const { traceId } = await services.contentChecks.requestImageCheck({
        fileId: m.fileId,
        name: m.name,
        scene: 'social',
        openid: m.authorOpenid,
      });
      await services.store.update(
        C.media,
        id,
        {
          set: { status: 'requested', traceId, requestedAt: iso(services.clock.now()) },
          inc: { attempts: 1 },
        },
        { if: { status: 'toRequest' } },
      );
    } catch (e) {
      services.log.warn('image check request failed', { id, error: String(e) });
      await services.store.update(C.media, id, { inc: { attempts: 1 } });
    }
  });
}

effectConsumer(MEDIA_EFFECT, requestMediaChecks);

/**
 * The `wxa_media_check` push (or the local checker's stand-in): the verdict for one trace id.
 * Only a trace id we issued is acted on; anything else is ignored, so a forged event can do
 * nothing. Applying the same verdict twice changes nothing.
 */
export async function receiveMediaVerdict(
  services: Services,
  event: Record<string, unknown>,
): Promise<{ applied: boolean }> {
  if (event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string')
    return { applied: false };
  const result = (event.result ?? {}) as { suggest?: string; label?: number | string };
  const [m] = await services.store.find<MediaDoc>(C.media, {
    where: { traceId: event.trace_id },
    limit: 1,
  });
  if (!m || m.status === 'done') return { applied: false };
  const v = verdictOf(result.suggest, result.label);
  await settleImage(services, m, v.verdict, v.reason, 'done');
  return { applied: true };
}

/** Images whose verdict has not come back in time go to a person, as WeChat advises. */
export async function timeOutVerdicts(services: Services, limit = 100): Promise<number> {
  const before = iso(new Date(services.clock.now().getTime() - VERDICT_WAIT_MS));
  const late = await services.store.find<MediaDoc>(C.media, {
    where: { status: 'requested', requestedAt: { $lt: before } },
    limit,
  });
  for (const m of late)
    await settleImage(services, m, 'review', '图片检测结果未按时返回，转人工审核', 'timedOut');
  return late.length;
}

/** Images the effect could not request (a crash, a fault): asked again by the timer. */
export async function retryMediaRequests(services: Services, limit = 100): Promise<number> {
  const stale = iso(new Date(services.clock.now().getTime() - 10_000));
  const waiting = await services.store.find<MediaDoc>(C.media, {
    where: { status: 'toRequest', createdAt: { $lt: stale } },
    limit,
  });
  const give = waiting.filter((m) => m.attempts >= 5);
  for (const m of give)
    await settleImage(services, m, 'review', '图片无法送检，转人工审核', 'timedOut');
  await requestMediaChecks(
    services,
    waiting.filter((m) => m.attempts < 5).map((m) => m._id),
  );
  return waiting.length;
}

async function settleImage(
  services: Services,
  m: MediaDoc,
  verdict: Verdict,
  reason: string | null,
  status: 'done' | 'timedOut',
): Promise<void> {
  const settings = await currentSettings(services.store);
  await services.store.transaction(async (tx) => {
    const fresh = await tx.get<MediaDoc>(C.media, m._id);
    if (!fresh || fresh.status === 'done' || fresh.status === 'timedOut') return;
    await tx.update(C.media, m._id, {
      set: { status, verdict, reason },
    });
    const post = await tx.get<PostDoc>(C.posts, m.postId);
    if (!post || post.status === 'deleted' || post.status === 'draft') return;
    const images = post.images.map((i) =>
      i.fileId === m.fileId && i.verdict === 'pending' ? { ...i, verdict, reason } : i,
    );
    const next = { ...post, images };
    const d = decide(next, settings.body.posts);
    if (d.status === post.status && JSON.stringify(images) === JSON.stringify(post.images)) return;
    await savePost(
      tx,
      services,
      post,
      { ...next, ...d },
      {
        actor: null,
        tell: tellOf(post.status, d.status),
      },
    );
  });
}

/** What the author is told when an image verdict moves their post: only a refusal. */
function tellOf(before: string, after: string): string | undefined {
  if (before !== after && after === 'refused')
    return '您发表的内容未通过内容安全检测，未能发布，请修改后再发。';
  return undefined;
}

/**
 * The local runtime's stand-in for WeChat's message push: verdicts the word-list checker
 * decided (ports/content-check.ts) are handed, once due, to the same receiver as in the cloud.
 */
export async function deliverLocalVerdicts(services: Services): Promise<number> {
  const due = await services.store.find<DevMediaVerdictDoc>(DEV_MEDIA_VERDICTS, {
    where: { delivered: false, deliverAt: { $lte: iso(services.clock.now()) } },
    limit: 100,
  });
  for (const v of due) {
    await receiveMediaVerdict(services, {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: v.traceId,
      version: 2,
      result: { suggest: v.suggest, label: v.label },
    });
    await services.store.update(DEV_MEDIA_VERDICTS, v._id, { set: { delivered: true } });
  }
  return due.length;
}
