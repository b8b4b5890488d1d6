import { studios } from '../../../typings/contracts/studios';
import type { StudioDetail, StudioSummary } from '../../../typings/contracts/studios';
import { command, handle, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessDate, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { MiniProgramCodeError } from '../../ports/mini-program-code';
import { describeError } from '../../kernel/logger';
import { activeMembers, isStaff, isWorker, mustStudio, personOf } from './access';
import type { MemberDoc } from '../../kernel/identity';
import { C, type ConsultationDoc, type StudioDoc } from './model';
import { summaryOf } from './views';

/** The page a studio's public code opens (its scene is the studio's id). */
export const STUDIO_PAGE = 'pages/studios/studio/index';

async function countsOf(ctx: ActionContext, s: StudioDoc) {
  const [pending, consultations] = await Promise.all([
    isWorker(ctx, s)
      ? ctx.store.count(C.matters, { studioId: s._id, status: 'pending' })
      : Promise.resolve(0),
    ctx.store.count(C.consultations, { studioId: s._id }),
  ]);
  return { pending, consultations };
}

async function summary(ctx: ActionContext, s: StudioDoc): Promise<StudioSummary> {
  const { pending, consultations } = await countsOf(ctx, s);
  return {
    id: s._id,
    name: s.name,
    theme: s.theme,
    address: s.address,
    hours: s.hours,
    hostId: s.hostId,
    hostName: s.hostName,
    memberCount: s.memberIds.length,
    pendingMatters: pending,
    consultations,
    photos: s.photos,
  };
}

async function detail(ctx: ActionContext, s: StudioDoc): Promise<StudioDetail> {
  const people = await Promise.all(
    s.memberIds.map((id) => ctx.store.get<MemberDoc>('members', id)),
  );
  const recent = await ctx.store.find<ConsultationDoc>(C.consultations, {
    where: { studioId: s._id, status: { $in: ['held', 'followingUp', 'closed'] } },
    orderBy: [['date', 'desc']],
    limit: 10,
  });
  const today = businessDate(ctx.clock.now());
  return {
    ...(await summary(ctx, s)),
    intro: s.intro,
    contact: s.contact,
    location: s.location,
    members: people.flatMap((m) => (m ? [personOf(m)] : [])),
    recent: recent.map((c) => summaryOf(c, today)),
    can: {
      work: isWorker(ctx, s),
      manage: isStaff(ctx),
      edit: isStaff(ctx) || s.hostId === ctx.caller.member?._id,
      raise: true,
    },
    version: s.version,
  };
}

export const listStudios = handle(studios.listStudios, 'anyone', async (ctx) => {
  const all = await ctx.store.find<StudioDoc>(C.studios, {
    orderBy: [['name', 'asc']],
    limit: 500,
  });
  return Promise.all(all.map((s) => summary(ctx, s)));
});

export const getStudio = handle(studios.getStudio, 'anyone', async (ctx, { studioId }) =>
  detail(ctx, await mustStudio(ctx.store, studioId)),
);

/**
 * Staff create a studio and name its host and members; the host keeps the details up to date
 * (but does not hand the studio to someone else or change who is in it).
 */
export const saveStudio = command(studios.saveStudio, 'member', async (ctx, input) => {
  const existing = input.studioId ? await mustStudio(ctx.store, input.studioId) : null;
  const staff = isStaff(ctx);
  if (!staff && !(existing && existing.hostId === ctx.caller.member!._id))
    throw fail('STUDIO.NOT_STUDIO_WORKER');
  const hostId = staff ? input.hostId : existing!.hostId;
  const memberIds = staff ? input.memberIds.filter((id) => id !== hostId) : existing!.memberIds;
  const [host] = await activeMembers(ctx.store, [hostId], 'STUDIO.HOST_INVALID');
  await activeMembers(ctx.store, memberIds, 'STUDIO.MEMBER_INVALID');
  const now = iso(ctx.clock.now());
  const fields = {
    name: staff ? input.name : existing!.name,
    theme: input.theme,
    address: input.address,
    location: input.location,
    hours: input.hours,
    intro: input.intro,
    contact: input.contact,
    photos: input.photos,
    hostId,
    hostName: host!.name,
    memberIds: [...new Set(memberIds)],
    updatedAt: now,
  };
  const id = existing?._id ?? ctx.ids.next('std');
  await once(ctx, async (tx) => {
    const fresh = await tx.get<StudioDoc>(C.studios, id);
    if (fresh) {
      if (input.version !== undefined && fresh.version !== input.version)
        throw fail('STORE.CONFLICT', '工作室信息已被他人修改，请刷新后重试');
      await tx.update(C.studios, id, { set: fields, inc: { version: 1 } });
    } else
      await tx.insert<StudioDoc>(C.studios, { _id: id, ...fields, createdAt: now, version: 1 });
    if (staff)
      await audit(tx, ctx, {
        targetType: 'studio',
        targetId: id,
        before: fresh
          ? { name: fresh.name, hostId: fresh.hostId, memberIds: fresh.memberIds }
          : null,
        after: { name: fields.name, hostId, memberIds: fields.memberIds },
      });
  });
  return detail(ctx, await mustStudio(ctx.store, id));
});

/** The code to print for the studio's door: WeChat's camera opens the studio's page from it. */
export const studioCode = handle(studios.studioCode, 'member', async (ctx, { studioId }) => {
  const s = await mustStudio(ctx.store, studioId);
  if (!isWorker(ctx, s)) throw fail('STUDIO.NOT_STUDIO_WORKER');
  try {
    const image = await ctx.miniProgramCodes.draw({ page: STUDIO_PAGE, scene: s._id });
    return {
      page: STUDIO_PAGE,
      scene: s._id,
      qrDataUrl: `data:${image.contentType};base64,${image.buffer.toString('base64')}`,
      opensFromCamera: ctx.miniProgramCodes.opensFromCamera,
    };
  } catch (e) {
    if (!(e instanceof MiniProgramCodeError)) throw e;
    ctx.log.warn('studio code not drawn', { errCode: e.errCode, ...describeError(e) });
    throw fail('STUDIO.CODE_UNAVAILABLE');
  }
});
