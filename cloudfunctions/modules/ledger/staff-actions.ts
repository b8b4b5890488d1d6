import { ledger } from '../../../typings/contracts/ledger';
import { ADMIN, command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { assessmentRows, summarize } from './assessment';
import { accountId, type AccountDoc, type EntryDoc } from './facts';
import { recordDutyEvent, recordRetraction } from './ledger-port';
import { once } from '../../kernel/once';
import { activePolicy } from './policy-store';
import { toPoints } from './points';
import { entryView, memberYearRecord } from './records';
import { eventEntryId, settle } from './settle';
import { jobView, resumeJob, runJob, startJob } from '../../kernel/jobs';
import { RECOMPUTE_JOB, recomputeJobId, type RecomputeParams } from './recompute-job';

/** The year's assessment: every member's totals by category, filtered and paged; a summary. */
export const getAssessment = handle(ledger.getAssessment, STAFF, async (ctx, input) => {
  const policy = await activePolicy(ctx.store, input.year);
  const all = await assessmentRows(ctx.store, input.year, policy);
  const rows = all.filter(
    (r) =>
      (!input.sector || r.sector === input.sector) &&
      (!input.specialCommittee || r.specialCommittee === input.specialCommittee) &&
      (!input.belowPassOnly || !r.passed),
  );
  const start = (input.page - 1) * input.pageSize;
  return {
    year: input.year,
    policyVersion: policy.version,
    categories: policy.body.categories.map((c) => ({
      id: c.id,
      label: c.label,
      cap: c.cap ?? null,
    })),
    passLine: policy.body.passLine,
    summary: summarize(rows, policy),
    rows: {
      items: rows.slice(start, start + input.pageSize),
      total: rows.length,
      page: input.page,
      pageSize: input.pageSize,
    },
  };
});

/** 履职档案: one member's year with every entry. */
export const getMemberRecord = handle(
  ledger.getMemberRecord,
  STAFF,
  async (ctx, { year, memberId }) => {
    const member = await ctx.store.get<MemberDoc>('members', memberId);
    if (!member) throw fail('MEMBER.NOT_FOUND');
    const policy = await activePolicy(ctx.store, year);
    const record = await memberYearRecord(ctx.store, member, year, { withRank: true, policy });
    const entries = await ctx.store.find<EntryDoc>('point_entries', {
      where: { memberId, year },
      orderBy: [
        ['at', 'desc'],
        ['seq', 'desc'],
      ],
    });
    return { ...record, entries: entries.map((e) => entryView(policy.body, e)) };
  },
);

/**
 * Staff award or deduct points for what the system cannot see (a written speech at the
 * plenary, an award from the province), with a reason. The award is recorded on the ledger's
 * rail with its audit record in one transaction, keyed by the staff member and the request, so
 * a retry never awards twice and two staff never share a key.
 */
export const awardPoints = command(ledger.awardPoints, STAFF, async (ctx, input) => {
  const member = await ctx.store.get<MemberDoc>('members', input.memberId);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  if (!member.roles.includes('member')) throw fail('LEDGER.NOT_A_MEMBER');
  const year = input.year ?? businessYear(ctx.clock.now());
  const policy = await activePolicy(ctx.store, year);
  if (!policy.body.categories.some((c) => c.id === input.category))
    throw fail('LEDGER.UNKNOWN_CATEGORY');
  const now = ctx.clock.now();
  const occurredAt = year === businessYear(now) ? iso(now) : `${year}-12-31T08:00:00.000Z`;
  const awardId = `${ctx.caller.member!._id}:${ctx.clientRequestId ?? ctx.ids.next('aw')}`;
  const key = `manual.award:${awardId}`;
  await once(ctx, async (tx) => {
    await recordDutyEvent(tx, ctx, {
      key,
      event: 'manual.award',
      memberId: member._id,
      occurredAt,
      source: { type: 'manual', id: awardId, title: input.title },
      manual: { points: input.points, category: input.category },
      actor: actorOf(ctx),
    });
    await audit(tx, ctx, {
      targetType: 'member',
      targetId: member._id,
      before: null,
      after: { year, points: input.points, category: input.category, title: input.title },
      reason: input.reason,
    });
  });
  await ctx.effects.apply(ctx);
  const entry = await ctx.store.get<EntryDoc>('point_entries', eventEntryId(key));
  if (!entry) throw new Error('award produced no entry');
  return entryView(policy.body, entry);
});

/** A staff correction: the entry's event is reversed (a new entry), with who and why. */
export const reverseEntry = command(
  ledger.reverseEntry,
  STAFF,
  async (ctx, { entryId, reason }) => {
    const entry = await ctx.store.get<EntryDoc>('point_entries', entryId);
    if (!entry) throw fail('LEDGER.ENTRY_NOT_FOUND');
    const before = await accountOf(ctx, entry);
    const fact = before?.facts.find((f) => f.key === entry.key);
    const reversible = !!fact && !fact.retracted;
    if (reversible) {
      await once(ctx, async (tx) => {
        await recordRetraction(
          tx,
          ctx,
          { key: entry.key, memberId: entry.memberId, yearHint: entry.year },
          reason,
          actorOf(ctx),
        );
        await audit(tx, ctx, {
          targetType: 'pointEntry',
          targetId: entryId,
          before: { key: entry.key, points: toPoints(entry.points) },
          after: { reversed: true },
          reason,
        });
      });
      await ctx.effects.apply(ctx);
    }
    const account = await accountOf(ctx, entry);
    return { reversed: reversible, total: toPoints(account?.total ?? 0) };
  },
);

function accountOf(ctx: ActionContext, entry: EntryDoc): Promise<AccountDoc | null> {
  return ctx.store.get<AccountDoc>('point_accounts', accountId(entry.year, entry.memberId));
}

/** What publishing changed: each member whose total differs under the year's current policy. */
export const previewRecompute = handle(ledger.previewRecompute, STAFF, async (ctx, { year }) => {
  const policy = await activePolicy(ctx.store, year);
  const accounts = await ctx.store.find<AccountDoc>('point_accounts', {
    where: { year },
    orderBy: [['memberId', 'asc']],
  });
  const stale = accounts.filter((a) => a.policyVersion !== policy.version);
  const names = await memberNames(
    ctx,
    stale.map((a) => a.memberId),
  );
  const changed = stale
    .map((a) => {
      const after = settle(a, policy.body, policy.version, {
        kind: 'policy',
        actorId: null,
        actorName: null,
        at: '',
      }).account.total;
      return {
        memberId: a.memberId,
        name: names.get(a.memberId) ?? '',
        before: toPoints(a.total),
        after: toPoints(after),
        delta: toPoints(after - a.total),
      };
    })
    .filter((c) => c.delta !== 0);
  return {
    year,
    fromVersions: [...new Set(stale.map((a) => a.policyVersion))].sort(),
    toVersion: policy.version,
    members: stale.length,
    changed,
  };
});

/**
 * Applies the year's policy in force to every account, as a job (recompute-job.ts: 25 accounts
 * a step, adjusting entries, never edits): this call starts it, or moves on the one running, by
 * a few steps and answers its progress; the page asks again while it runs and the timer
 * finishes it. Re-running it is harmless.
 */
export const applyRecompute = command(ledger.applyRecompute, STAFF, async (ctx, { year }) => {
  const policy = await activePolicy(ctx.store, year);
  const id = recomputeJobId(year, policy.version);
  const now = iso(ctx.clock.now());
  await once(
    ctx,
    (tx) =>
      startJob<RecomputeParams>(
        tx,
        {
          id,
          kind: RECOMPUTE_JOB,
          params: { year, version: policy.version, actor: actorOf(ctx) },
          // Done already: new accounts since are settled under it; run again over them all.
          restart: true,
        },
        now,
      ),
    'start',
  );
  await resumeJob(ctx.store, id, now);
  return jobView(await runJob(ctx, id, RECOMPUTE_STEPS));
});

/** Recompute steps one call runs (25 accounts each). */
const RECOMPUTE_STEPS = 1;

/**
 * Recomputes each account's totals from its entries and reports drift; with `repair`, sets the
 * recorded totals to what the entries say (audited). Entries are the truth. Posts may land
 * while it reads (on CloudBase a read of many pages is no snapshot): accounts are read before
 * the entries, which only grow, so an account that moved meanwhile shows a newer `version` on a
 * second read, or in the repair's transaction; it is reported as `moved`, never overwritten.
 */
export const rebuildTotals = command(ledger.rebuildTotals, ADMIN, async (ctx, { year, repair }) => {
  const accounts = await ctx.store.find<AccountDoc>('point_accounts', { where: { year } });
  const entries = await ctx.store.find<EntryDoc>('point_entries', { where: { year } });
  const sums = new Map<string, { total: number; byCategory: Record<string, number> }>();
  for (const e of entries) {
    const s = sums.get(e.memberId) ?? { total: 0, byCategory: {} };
    s.total += e.points;
    s.byCategory[e.category] = (s.byCategory[e.category] ?? 0) + e.points;
    sums.set(e.memberId, s);
  }
  const sumOf = (a: AccountDoc) => sums.get(a.memberId) ?? { total: 0, byCategory: {} };
  const apparent = accounts.filter((a) => {
    const s = sumOf(a);
    const cats = new Set([...Object.keys(a.byCategory), ...Object.keys(s.byCategory)]);
    return (
      s.total !== a.total ||
      [...cats].some((c) => (a.byCategory[c] ?? 0) !== (s.byCategory[c] ?? 0))
    );
  });
  // An account posted to since it was read only looks drifted.
  const now = apparent.length
    ? await ctx.store.find<AccountDoc>('point_accounts', {
        where: { _id: { $in: apparent.map((a) => a._id) } },
      })
    : [];
  const versionNow = new Map(now.map((a) => [a._id, a.version]));
  const moved = new Set(
    apparent.filter((a) => versionNow.get(a._id) !== a.version).map((a) => a.memberId),
  );
  const drifted = apparent.filter((a) => !moved.has(a.memberId));
  let repaired = 0;
  if (repair) {
    for (const a of drifted) {
      const s = sumOf(a);
      const done = await ctx.store.transaction(async (tx) => {
        const fresh = await tx.get<AccountDoc>('point_accounts', a._id);
        if (fresh?.version !== a.version) return false;
        await tx.update('point_accounts', a._id, {
          set: { total: s.total, byCategory: s.byCategory },
          inc: { version: 1 },
        });
        await audit(tx, ctx, {
          targetType: 'pointAccount',
          targetId: a._id,
          before: { total: toPoints(a.total), byCategory: a.byCategory },
          after: { total: toPoints(s.total), byCategory: s.byCategory },
          reason: '按积分明细重建合计',
        });
        return true;
      });
      if (done) repaired += 1;
      else moved.add(a.memberId);
    }
  }
  return {
    year,
    accounts: accounts.length,
    drifted: drifted
      .filter((a) => !moved.has(a.memberId))
      .map((a) => ({
        memberId: a.memberId,
        recorded: toPoints(a.total),
        fromEntries: toPoints(sumOf(a).total),
      })),
    moved: [...moved],
    repaired: repaired > 0,
  };
});

function actorOf(ctx: ActionContext): { id: string; name: string } {
  return { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
}

async function memberNames(ctx: ActionContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const members = await ctx.store.find<MemberDoc>('members', { where: { _id: { $in: ids } } });
  return new Map(members.map((m) => [m._id, m.name]));
}
