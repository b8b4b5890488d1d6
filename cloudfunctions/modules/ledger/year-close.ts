import { ledger, type YearStatus } from '../../../typings/contracts/ledger';
import { ADMIN, command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessDate, businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { assessmentRows, summarize } from './assessment';
import { activePolicy } from './policy-store';
import { readYear, yearDocId, type YearDoc } from './records';

/** Whether the year's assessment is closed (grades shown), by whom, and what the caller may do. */
export const getYearStatus = handle(ledger.getYearStatus, STAFF, async (ctx, { year }) =>
  statusView(ctx, year, await readYear(ctx.store, year)),
);

/**
 * The office closes a year: from now on records, the assessment and its export show each
 * member's grade. Only once the year's last month has begun (a grade is a year-end
 * judgement). Audited with the results as they stood, in the same transaction.
 * Outcomes: closed; `LEDGER.YEAR_NOT_OVER`; `LEDGER.YEAR_CLOSED` (already closed).
 */
export const closeYear = command(ledger.closeYear, STAFF, async (ctx, { year }) => {
  if (!yearHasEnded(ctx, year)) throw fail('LEDGER.YEAR_NOT_OVER');
  const policy = await activePolicy(ctx.store, year);
  const summary = summarize(
    await assessmentRows(ctx.store, year, policy, { closed: true }),
    policy,
  );
  const actor = ctx.caller.member!;
  const at = iso(ctx.clock.now());
  const doc = await once(ctx, async (tx) => {
    const before = await readYear(tx, year);
    if (before?.closed) throw fail('LEDGER.YEAR_CLOSED');
    const next: YearDoc = {
      ...(before ?? emptyYear(year)),
      closed: true,
      closedAt: at,
      closedById: actor._id,
      closedBy: actor.name,
      version: (before?.version ?? 0) + 1,
    };
    if (before) {
      const { _id, ...changed } = next;
      await tx.update('point_years', _id, { set: changed });
    } else {
      await tx.insert<YearDoc>('point_years', next);
    }
    await audit(tx, ctx, {
      targetType: 'pointYear',
      targetId: String(year),
      before: { closed: false },
      after: {
        closed: true,
        policyVersion: policy.version,
        members: summary.members,
        passed: summary.passed,
        average: summary.average,
        byGrade: summary.byGrade,
      },
    });
    return next;
  });
  return statusView(ctx, year, doc);
});

/**
 * An admin reopens a closed year to correct it (grades are hidden again until it is closed
 * anew), with a reason; audited in the same transaction. Outcomes: reopened;
 * `LEDGER.YEAR_NOT_CLOSED`.
 */
export const reopenYear = command(ledger.reopenYear, ADMIN, async (ctx, { year, reason }) => {
  const actor = ctx.caller.member!;
  const at = iso(ctx.clock.now());
  const doc = await once(ctx, async (tx) => {
    const before = await readYear(tx, year);
    if (!before?.closed) throw fail('LEDGER.YEAR_NOT_CLOSED');
    const changed = {
      closed: false,
      closedAt: null,
      closedById: null,
      closedBy: null,
      reopenedAt: at,
      reopenedById: actor._id,
      reopenedBy: actor.name,
      reopenReason: reason,
      version: before.version + 1,
    };
    await tx.update('point_years', before._id, { set: changed });
    await audit(tx, ctx, {
      targetType: 'pointYear',
      targetId: String(year),
      before: { closed: true, closedAt: before.closedAt, closedBy: before.closedBy },
      after: { closed: false },
      reason,
    });
    return { ...before, ...changed };
  });
  return statusView(ctx, year, doc);
});

function statusView(ctx: ActionContext, year: number, doc: YearDoc | null): YearStatus {
  const closed = doc?.closed ?? false;
  const roles = ctx.caller.member?.roles ?? [];
  return {
    year,
    closed,
    closedAt: closed ? doc!.closedAt : null,
    closedBy: closed ? doc!.closedBy : null,
    reopenedAt: doc?.reopenedAt ?? null,
    reopenedBy: doc?.reopenedBy ?? null,
    reopenReason: doc?.reopenReason ?? null,
    can: {
      close: !closed && yearHasEnded(ctx, year) && roles.some((r) => STAFF.includes(r)),
      reopen: closed && roles.some((r) => ADMIN.includes(r)),
    },
  };
}

/** A past year, or the current one from 1 December (Beijing time). */
function yearHasEnded(ctx: ActionContext, year: number): boolean {
  const now = ctx.clock.now();
  const current = businessYear(now);
  return year < current || (year === current && businessDate(now).slice(5, 7) === '12');
}

function emptyYear(year: number): YearDoc {
  return {
    _id: yearDocId(year),
    year,
    closed: false,
    closedAt: null,
    closedById: null,
    closedBy: null,
    reopenedAt: null,
    reopenedById: null,
    reopenedBy: null,
    reopenReason: null,
    version: 0,
  };
}
