import {
  AUDIENCE_KIND_LABELS,
  type Book,
  type GroupSummary,
  type ReadingPeriod,
} from '../../../typings/contracts/reading';
import type { ActionContext } from '../../kernel/action';
import { businessDate } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore, TxOps } from '../../store/port';
import { C, pairId, type BookDoc, type GroupDoc, type JoinDoc, type PeriodDoc } from './model';

export function isStaff(ctx: Pick<ActionContext, 'caller'>): boolean {
  return ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');
}

/** A member is in a group by its audience, or by having joined it. */
export function inAudience(g: GroupDoc, m: MemberDoc): boolean {
  const { kind, values } = g.audience;
  switch (kind) {
    case 'everyone':
      return true;
    case 'committee':
      return m.specialCommittee !== null && values.includes(m.specialCommittee);
    case 'sector':
      return m.sector !== null && values.includes(m.sector);
    case 'named':
      return values.includes(m._id);
  }
}

export async function joinedIds(store: DocumentStore, memberId: string): Promise<Set<string>> {
  const joins = await store.find<JoinDoc>(C.joins, { where: { memberId } });
  return new Set(joins.map((j) => j.groupId));
}

export async function isInGroup(
  store: Pick<DocumentStore, 'get'> | TxOps,
  g: GroupDoc,
  m: MemberDoc,
): Promise<boolean> {
  return (
    g.ownerId === m._id || inAudience(g, m) || !!(await store.get(C.joins, pairId(g._id, m._id)))
  );
}

export function groupView(ctx: ActionContext, g: GroupDoc, joined: boolean): GroupSummary {
  const me = ctx.caller.member!;
  const owner = g.ownerId === me._id;
  const member = owner || inAudience(g, me) || joined;
  const staff = isStaff(ctx);
  return {
    id: g._id,
    periodId: g.periodId,
    name: g.name,
    theme: g.theme,
    ownerId: g.ownerId,
    ownerName: g.ownerName,
    audience: g.audience,
    audienceLabel:
      g.audience.kind === 'everyone' || g.audience.kind === 'named'
        ? AUDIENCE_KIND_LABELS[g.audience.kind]
        : `${AUDIENCE_KIND_LABELS[g.audience.kind]}：${g.audience.values.join('、')}`,
    open: g.open,
    bookIds: g.bookIds,
    postCount: g.postCount,
    member,
    joined,
    owner,
    can: {
      post: member,
      join: !member && g.open,
      leave: joined && !owner && !inAudience(g, me),
      guide: owner || staff,
      edit: staff,
    },
    version: g.version,
  };
}

export function periodView(p: PeriodDoc, now: Date): ReadingPeriod {
  const today = businessDate(now);
  const phase = today < p.startsOn ? 'upcoming' : today > p.endsOn ? 'past' : 'current';
  return {
    id: p._id,
    title: p.title,
    theme: p.theme,
    description: p.description,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    phase,
    phaseLabel: { upcoming: '未开始', current: '进行中', past: '已结束' }[phase],
    version: p.version,
  };
}

export function bookView(b: BookDoc): Book {
  return {
    id: b._id,
    periodId: b.periodId,
    title: b.title,
    author: b.author,
    publisher: b.publisher,
    isbn: b.isbn,
    cover: b.cover,
    recommendedBy: b.recommendedBy,
    vetted: b.vetted,
    intro: b.intro,
    postCount: b.postCount,
    version: b.version,
  };
}

export async function mustGroup(store: Pick<DocumentStore, 'get'>, id: string): Promise<GroupDoc> {
  const g = await store.get<GroupDoc>(C.groups, id);
  if (!g) throw fail('READING.GROUP_NOT_FOUND');
  return g;
}

export async function mustPeriod(
  store: Pick<DocumentStore, 'get'>,
  id: string,
): Promise<PeriodDoc> {
  const p = await store.get<PeriodDoc>(C.periods, id);
  if (!p) throw fail('READING.PERIOD_NOT_FOUND');
  return p;
}

/** Members post only while the period runs (its last day included). */
export function assertPeriodOpen(p: PeriodDoc, now: Date): void {
  if (businessDate(now) > p.endsOn) throw fail('READING.PERIOD_CLOSED');
}
