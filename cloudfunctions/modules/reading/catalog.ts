import { reading } from '../../../typings/contracts/reading';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { StoredDoc, TxOps } from '../../store/port';
import {
  bookView,
  groupView,
  isInGroup,
  joinedIds,
  mustGroup,
  mustPeriod,
  periodView,
} from './access';
import { C, pairId, type BookDoc, type GroupDoc, type JoinDoc, type PeriodDoc } from './model';
import { pinnedGuides, streakOf } from './posts-read';

/** Periods, newest first (members and staff). */
export const listPeriods = handle(reading.listPeriods, 'member', async (ctx) => {
  const docs = await ctx.store.find<PeriodDoc>(C.periods, { orderBy: [['startsOn', 'desc']] });
  return docs.map((p) => periodView(p, ctx.clock.now()));
});

export const savePeriod = command(reading.savePeriod, STAFF, async (ctx, input) => {
  const { periodId, version, ...fields } = input;
  const saved = await upsert<PeriodDoc>(ctx, C.periods, 'rpd', periodId, version, fields, () => ({
    ...fields,
  }));
  return periodView(saved, ctx.clock.now());
});

/** A period's books (or every period's), in the order staff added them. */
export const listBooks = handle(reading.listBooks, 'member', async (ctx, { periodId }) => {
  const docs = await ctx.store.find<BookDoc>(C.books, {
    where: periodId ? { periodId } : {},
    orderBy: [['createdAt', 'asc']],
  });
  return docs.map(bookView);
});

export const getBook = handle(reading.getBook, 'member', async (ctx, { bookId }) => {
  const book = await ctx.store.get<BookDoc>(C.books, bookId);
  if (!book) throw fail('READING.BOOK_NOT_FOUND');
  const [groups, joined] = await Promise.all([
    ctx.store.find<GroupDoc>(C.groups, { where: { bookIds: { $contains: bookId } } }),
    joinedIds(ctx.store, ctx.caller.member!._id),
  ]);
  return { book: bookView(book), groups: groups.map((g) => groupView(ctx, g, joined.has(g._id))) };
});

export const saveBook = command(reading.saveBook, STAFF, async (ctx, input) => {
  const { bookId, version, ...fields } = input;
  await mustPeriod(ctx.store, fields.periodId);
  const saved = await upsert<BookDoc>(ctx, C.books, 'rbk', bookId, version, fields, () => ({
    ...fields,
    postCount: 0,
  }));
  return bookView(saved);
});

/** The period's groups (the current period's when none is named); `mine`: only those I am in. */
export const listGroups = handle(reading.listGroups, 'member', async (ctx, input) => {
  const periodId = input.periodId ?? (await currentPeriodId(ctx));
  if (!periodId) return [];
  const [groups, joined] = await Promise.all([
    ctx.store.find<GroupDoc>(C.groups, { where: { periodId }, orderBy: [['createdAt', 'asc']] }),
    joinedIds(ctx.store, ctx.caller.member!._id),
  ]);
  const views = groups.map((g) => groupView(ctx, g, joined.has(g._id)));
  return input.mine ? views.filter((v) => v.member) : views;
});

export const getGroup = handle(reading.getGroup, 'member', async (ctx, { groupId }) => {
  const g = await mustGroup(ctx.store, groupId);
  const me = ctx.caller.member!;
  const [joined, books, period, guides, streak] = await Promise.all([
    ctx.store.get(C.joins, pairId(groupId, me._id)),
    g.bookIds.length
      ? ctx.store.find<BookDoc>(C.books, { where: { _id: { $in: g.bookIds } } })
      : Promise.resolve([]),
    ctx.store.get<PeriodDoc>(C.periods, g.periodId),
    pinnedGuides(ctx, groupId),
    streakOf(ctx, groupId),
  ]);
  return {
    ...groupView(ctx, g, !!joined),
    books: g.bookIds.flatMap((id) => books.filter((b) => b._id === id).map(bookView)),
    guides,
    streak,
    period: period ? periodView(period, ctx.clock.now()) : null,
  };
});

export const saveGroup = command(reading.saveGroup, STAFF, async (ctx, input) => {
  const { groupId, version, ownerId, ...fields } = input;
  await mustPeriod(ctx.store, fields.periodId);
  const owner = await ctx.store.get<MemberDoc>('members', ownerId);
  if (!owner || !owner.active) throw fail('READING.OWNER_INVALID');
  if (fields.bookIds.length) {
    const books = await ctx.store.find<BookDoc>(C.books, {
      where: { _id: { $in: fields.bookIds } },
    });
    if (
      books.length !== new Set(fields.bookIds).size ||
      books.some((b) => b.periodId !== fields.periodId)
    )
      throw fail('READING.BOOK_INVALID');
  }
  const set = { ...fields, bookIds: [...new Set(fields.bookIds)], ownerId, ownerName: owner.name };
  const saved = await upsert<GroupDoc>(ctx, C.groups, 'rgp', groupId, version, set, () => ({
    ...set,
    postCount: 0,
  }));
  return groupView(ctx, saved, false);
});

export const joinGroup = command(reading.joinGroup, 'member', async (ctx, { groupId }) => {
  const g = await mustGroup(ctx.store, groupId);
  const me = ctx.caller.member!;
  if (!(await isInGroup(ctx.store, g, me))) {
    if (!g.open) throw fail('READING.GROUP_CLOSED');
    await once(ctx, async (tx) => {
      if (await tx.get(C.joins, pairId(groupId, me._id))) return;
      await tx.insert<JoinDoc>(C.joins, {
        _id: pairId(groupId, me._id),
        groupId,
        memberId: me._id,
        joinedAt: iso(ctx.clock.now()),
      });
    });
  }
  return groupView(ctx, g, !!(await ctx.store.get(C.joins, pairId(groupId, me._id))));
});

export const leaveGroup = command(reading.leaveGroup, 'member', async (ctx, { groupId }) => {
  const g = await mustGroup(ctx.store, groupId);
  await ctx.store.remove(C.joins, pairId(groupId, ctx.caller.member!._id));
  return groupView(ctx, g, false);
});

async function currentPeriodId(ctx: ActionContext): Promise<string | null> {
  const periods = await ctx.store.find<PeriodDoc>(C.periods, { orderBy: [['startsOn', 'desc']] });
  const views = periods.map((p) => periodView(p, ctx.clock.now()));
  return (
    (views.find((v) => v.phase === 'current') ?? views.find((v) => v.phase === 'past') ?? views[0])
      ?.id ?? null
  );
}

interface Versioned extends StoredDoc {
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Creates (no id) or changes (id + the version read) one catalog document, audited; a retry
 * of the same request answers as the first attempt did.
 */
async function upsert<D extends Versioned>(
  ctx: ActionContext,
  collection: string,
  prefix: string,
  id: string | undefined,
  version: number | undefined,
  set: Record<string, unknown>,
  fresh: () => Omit<D, '_id' | 'createdAt' | 'updatedAt' | 'version'>,
): Promise<D> {
  const now = iso(ctx.clock.now());
  const savedId = await once(ctx, async (tx: TxOps) => {
    if (!id) {
      const doc = {
        ...fresh(),
        _id: ctx.ids.next(prefix),
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as D;
      await tx.insert<D>(collection, doc);
      await audit(tx, ctx, { targetType: collection, targetId: doc._id, before: null, after: set });
      return doc._id;
    }
    const before = await tx.get<D>(collection, id);
    if (!before) throw fail(NOT_FOUND[collection] ?? 'READING.GROUP_NOT_FOUND');
    if (version !== undefined && before.version !== version)
      throw fail('STORE.CONFLICT', '内容已被他人修改，请刷新后重试');
    await tx.update(collection, id, { set: { ...set, updatedAt: now }, inc: { version: 1 } });
    await audit(tx, ctx, { targetType: collection, targetId: id, before, after: set });
    return id;
  });
  return (await ctx.store.get<D>(collection, savedId))!;
}

const NOT_FOUND: Record<
  string,
  'READING.PERIOD_NOT_FOUND' | 'READING.BOOK_NOT_FOUND' | 'READING.GROUP_NOT_FOUND'
> = {
  [C.periods]: 'READING.PERIOD_NOT_FOUND',
  [C.books]: 'READING.BOOK_NOT_FOUND',
  [C.groups]: 'READING.GROUP_NOT_FOUND',
};
