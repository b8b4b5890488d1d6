import type { ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import type { TxOps } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { requireSpeechState, type GuardedSpeechAction } from './lifecycle';
import type { SpeechDoc } from './model';

export interface SpeechStep {
  set: Partial<SpeechDoc>;
  /** The timeline line (and the audit's action). */
  action: string;
  note: string | null;
  /** The action whose states the step starts from (checked in its transaction). */
  requires?: GuardedSpeechAction;
  /** What the author is told (the office's steps). */
  tell?: string;
  /** More writes in the same transaction (the duty event), given the speech as the step leaves it. */
  also?: (tx: TxOps, after: SpeechDoc) => Promise<void>;
}

/**
 * One change of a speech at the version the actor saw, with its timeline line, the author's
 * notice and (for the office) the audit record, in one transaction; a retry of the same request
 * after it committed replays it.
 */
export async function speechStep(
  ctx: ActionContext,
  speechId: string,
  version: number,
  change: (fresh: SpeechDoc, now: string) => SpeechStep,
  audited = true,
): Promise<void> {
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = await tx.get<SpeechDoc>('speeches', speechId);
    if (!fresh) throw fail('SPEECH.NOT_FOUND');
    const c = change(fresh, now);
    if (c.requires) requireSpeechState(c.requires, fresh.status);
    if (fresh.version !== version)
      throw fail('STORE.CONFLICT', '该发言已被他人处理或修改，请刷新后重试');
    const timeline = [
      ...fresh.timeline,
      { at: now, action: c.action, actorName: ctx.caller.member!.name, note: c.note },
    ];
    const set = { ...c.set, timeline, updatedAt: now };
    await tx.update('speeches', speechId, { set, inc: { version: 1 } });
    if (c.also) await c.also(tx, { ...fresh, ...set, version: fresh.version + 1 });
    if (c.tell)
      await enqueue(tx, now, [
        {
          key: `speech:${speechId}:v${fresh.version}`,
          memberId: fresh.authorId,
          kind: 'speech.update',
          title: `大会发言：${fresh.title}`,
          body: c.tell,
          link: `/pages/speeches/edit/index?id=${speechId}`,
        },
      ]);
    if (audited)
      await audit(tx, ctx, {
        targetType: 'speech',
        targetId: speechId,
        before: { status: fresh.status, delivery: fresh.delivery },
        after: { action: c.action, ...c.set },
        reason: c.note,
      });
  });
}
