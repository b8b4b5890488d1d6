import { studios } from '../../../typings/contracts/studios';
import { command, handle, type ActionContext } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { checkUserText } from '../../ports/content-check';
import { currentSettings } from '../settings';
import {
  assertWorker,
  isWorker,
  mustConsultation,
  mustMatter,
  mustStudio,
  studiosOnce,
} from './access';
import { C, type MatterDoc } from './model';
import { matterView } from './views';

/** How many matters one WeChat account may raise in a Beijing day (a guard against floods). */
export const MATTERS_PER_DAY = 5;

/**
 * Anyone who scanned the studio's code raises a matter. The text goes through the content check
 * like any user content: refused when risky, flagged for the host when it asks for a person.
 * Photos and the contact are seen only by the raiser, the studio's workers and staff.
 */
export const raiseMatter = command(studios.raiseMatter, 'anyone', async (ctx, input) => {
  const s = await mustStudio(ctx.store, input.studioId);
  const now = ctx.clock.now();
  const day = businessDate(now);
  const today = await ctx.store.count(C.matters, { openid: ctx.caller.openid, day });
  if (today >= MATTERS_PER_DAY) throw fail('STUDIO.TOO_MANY_MATTERS');
  const words = (await currentSettings(ctx.store)).body.posts;
  const checked = await checkUserText(ctx.contentChecks, words, {
    text: `${input.topic}\n${input.description}`,
    scene: 'forum',
    openid: ctx.caller.openid,
  });
  if (checked.verdict === 'risky') throw fail('STUDIO.CONTENT_RISKY');
  const id = ctx.ids.next('smt');
  const at = iso(now);
  await once(ctx, async (tx) => {
    await tx.insert<MatterDoc>(C.matters, {
      _id: id,
      studioId: s._id,
      studioName: s.name,
      openid: ctx.caller.openid,
      topic: input.topic,
      description: input.description,
      photos: input.photos,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      flagged: checked.verdict === 'review',
      status: 'pending',
      reply: null,
      consultationId: null,
      progress: [{ at, text: `已提交给${s.name}` }],
      day,
      createdAt: at,
      updatedAt: at,
    });
  });
  return matterView(ctx, await mustMatter(ctx.store, id), s);
});

export const myMatters = handle(studios.myMatters, 'anyone', async (ctx) => {
  const mine = await ctx.store.find<MatterDoc>(C.matters, {
    where: { openid: ctx.caller.openid },
    orderBy: [['createdAt', 'desc']],
    limit: 100,
  });
  const studioOf = studiosOnce(ctx.store);
  return Promise.all(mine.map(async (m) => matterView(ctx, m, await studioOf(m.studioId))));
});

/** A matter, for whoever raised it and for the studio's workers; to anyone else it does not exist. */
async function visibleMatter(ctx: ActionContext, matterId: string) {
  const m = await mustMatter(ctx.store, matterId);
  const s = await mustStudio(ctx.store, m.studioId);
  if (m.openid !== ctx.caller.openid && !isWorker(ctx, s)) throw fail('STUDIO.MATTER_NOT_FOUND');
  return { m, s };
}

export const getMatter = handle(studios.getMatter, 'anyone', async (ctx, { matterId }) => {
  const { m, s } = await visibleMatter(ctx, matterId);
  return matterView(ctx, m, s);
});

export const listMatters = handle(studios.listMatters, 'member', async (ctx, input) => {
  const s = await mustStudio(ctx.store, input.studioId);
  assertWorker(ctx, s);
  const where = { studioId: s._id, ...(input.status ? { status: input.status } : {}) };
  const [docs, total] = await Promise.all([
    ctx.store.find<MatterDoc>(C.matters, {
      where,
      orderBy: [['createdAt', 'desc']],
      skip: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    }),
    ctx.store.count(C.matters, where),
  ]);
  return {
    items: await Promise.all(docs.map((m) => matterView(ctx, m, s))),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
});

/**
 * The host answers a matter (the resident reads the reply), takes it into a consultation (the
 * resident follows that consultation's outcome), or passes it to the office.
 */
export const triageMatter = command(studios.triageMatter, 'member', async (ctx, input) => {
  const { m, s } = await visibleMatter(ctx, input.matterId);
  assertWorker(ctx, s);
  const c =
    input.decision === 'merge' ? await mustConsultation(ctx.store, input.consultationId!) : null;
  if (c && c.studioId !== s._id) throw fail('STUDIO.CONSULTATION_NOT_FOUND');
  if (c?.status === 'closed')
    throw fail('STUDIO.WRONG_STATE', '该协商活动已办结，请选择其他协商活动');
  const at = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = (await tx.get<MatterDoc>(C.matters, m._id))!;
    if (fresh.status !== 'pending') throw fail('STUDIO.MATTER_HANDLED');
    const entry =
      input.decision === 'answer'
        ? { status: 'answered' as const, text: '工作室已答复' }
        : input.decision === 'merge'
          ? { status: 'merged' as const, text: `已纳入协商议题“${c!.topic}”` }
          : { status: 'passed' as const, text: '已转交政协机关办理' };
    await tx.update(C.matters, m._id, {
      set: {
        status: entry.status,
        reply: input.reply || null,
        consultationId: c?._id ?? null,
        progress: [...fresh.progress, { at, text: entry.text }],
        updatedAt: at,
      },
    });
    if (c) {
      const fc = (await tx.get<typeof c>(C.consultations, c._id))!;
      if (!fc.matterIds.includes(m._id))
        await tx.update(C.consultations, c._id, {
          set: { matterIds: [...fc.matterIds, m._id], updatedAt: at },
          inc: { version: 1 },
        });
    }
  });
  return matterView(ctx, await mustMatter(ctx.store, m._id), s);
});
