/**
 * One change to an opinion report, as every command makes it (see `step`), and the duty events
 * of its stages.
 */
import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import type { TxOps } from '../../store/port';
import { recordDutyEvent } from '../ledger/ledger-port';
import { enqueue } from '../notify/outbox';
import { requireOpinionState, type GuardedOpinionAction } from './lifecycle';
import type { OpinionDoc } from './model';
import { withOpinionSearchTerms } from './search';

export type Step = {
  set: Record<string, unknown>;
  action: string;
  note: string | null;
  tell?: string;
  /** Who is told (`tell`): the author unless said. */
  tellTo?: { memberId: string; kind: string; title: string; link: string };
  /** The action whose states the step starts from (checked in its transaction). */
  requires?: GuardedOpinionAction;
  /** The author's duty event for this step, recorded with it. */
  points?: { event: DutyEventType; stage: string };
};

/**
 * One change at the version read, with timeline, audit (staff), a message to the author and
 * the duty event, in one transaction; a retry after it committed replays it.
 */
export async function step(
  ctx: ActionContext,
  opinionId: string,
  version: number,
  change: (fresh: OpinionDoc) => Step,
  audited = true,
): Promise<void> {
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = await tx.get<OpinionDoc>('opinions', opinionId);
    if (!fresh) throw fail('OPINION.NOT_FOUND');
    const c = change(fresh);
    // Checked on the fresh copy, before the version: a wrong state says so, and a retry after
    // the step committed replays it instead of failing here.
    if (c.requires) requireOpinionState(c.requires, fresh.status);
    if (fresh.version !== version)
      throw fail('STORE.CONFLICT', '该信息已被他人处理或修改，请刷新后重试');
    const timeline = [
      ...fresh.timeline,
      { at: now, action: c.action, actorName: ctx.caller.member!.name, note: c.note },
    ];
    await tx.update('opinions', opinionId, {
      set: { ...c.set, ...withOpinionSearchTerms(fresh, c.set), timeline, updatedAt: now },
      inc: { version: 1 },
    });
    if (c.points) await score(tx, ctx, { ...fresh, ...c.set } as OpinionDoc, c.points);
    if (c.tell) {
      await enqueue(tx, now, [
        {
          key: `opinion:${opinionId}:v${fresh.version}`,
          memberId: fresh.authorId,
          kind: 'opinion.update',
          title: `社情民意信息：${fresh.title}`,
          link: `/pages/opinions/detail/index?id=${opinionId}`,
          ...c.tellTo,
          body: c.tell,
        },
      ]);
    }
    if (audited)
      await audit(tx, ctx, {
        targetType: 'opinion',
        targetId: opinionId,
        before: { status: fresh.status },
        after: { action: c.action, ...c.set },
        reason: c.note,
      });
  });
}

export async function score(
  tx: TxOps,
  ctx: ActionContext,
  o: OpinionDoc,
  { event, stage }: { event: DutyEventType; stage: string },
): Promise<void> {
  await recordDutyEvent(tx, ctx, {
    key: `opinion:${o._id}:${o.authorId}:${stage}`,
    event,
    memberId: o.authorId,
    occurredAt: o.submittedAt ?? o.updatedAt,
    source: { type: 'opinion', id: o._id, title: o.title },
    actor: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
  });
  // A studio consultation's outcome that became an adopted report scores once, at any level.
  if (event.startsWith('opinion.adopted') && o.origin)
    await recordDutyEvent(tx, ctx, {
      key: `opinion:${o._id}:${o.authorId}:studio.outcome.adopted`,
      event: 'studio.outcome.adopted',
      memberId: o.authorId,
      occurredAt: o.submittedAt ?? o.updatedAt,
      source: { type: 'consultation', id: o.origin.consultationId, title: o.origin.topic },
      actor: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
    });
}
