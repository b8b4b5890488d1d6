import {
  MAX_ROSTER_FILE_BYTES,
  members,
  type RosterRowError,
} from '../../../typings/contracts/members';
import { command, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { jobView, resumeJob, runJob, startJob, type JobDoc } from '../../kernel/jobs';
import { once } from '../../kernel/once';
import { isStoreError } from '../../store/port';
import { readRosterFile, RosterFileError, type RosterRow } from './roster-file';
import {
  differs,
  importedMemberId,
  ROSTER_FIELDS,
  ROSTER_JOB,
  rosterJobId,
  type CurrentImportDoc,
  type ImportRow,
  type RosterImportDoc,
  type RosterJobParams,
} from './roster-job';

interface PlannedRow {
  row: number;
  data: RosterRow;
  existing: MemberDoc | null;
}

/**
 * Imports the committee roster from a CSV or Excel file: every row is checked first and any
 * error refuses the whole file, with the errors listed row by row; then the rows are applied as
 * a job (roster-job.ts: 50 a step, this call does the first steps, the roster page asks for the
 * rest and the timer finishes it). A row whose phone number is already on the roster updates that
 * entry (only the columns the file has: a file of 姓名 and 手机号 leaves sectors and committees
 * as they are); other rows create entries. `dryRun` reports what would happen without writing.
 * One import at a time (ROSTER.IMPORT_RUNNING). A retried request imports once.
 */
export const importRoster = command(members.importRoster, STAFF, async (ctx, input) => {
  const bytes = input.fileId
    ? await ctx.files.read(input.fileId)
    : Buffer.from(input.contentBase64 ?? '', 'base64');
  if (!bytes) throw fail('ROSTER.FILE_UNREADABLE', '找不到上传的名册文件，请重新选择文件');
  if (bytes.length === 0) throw fail('ROSTER.FILE_UNREADABLE');
  if (bytes.length > MAX_ROSTER_FILE_BYTES)
    throw fail('REQUEST.TOO_LARGE', '名册文件不能超过 2 MB');
  const parsed = await readRosterFile(input.fileName, bytes).catch((e: unknown) => {
    throw e instanceof RosterFileError ? fail(e.code, e.message) : e;
  });
  const existing = await ctx.store.find<MemberDoc>('members', {});
  const { plan, errors } = planImport(parsed.rows, existing);
  // Only the columns the file has are imported into existing entries; the rest stay.
  const given = ROSTER_FIELDS.filter((f) => parsed.fields?.includes(f) ?? true);
  const allErrors = [...parsed.errors, ...errors].sort((a, b) => a.row - b.row);
  if (allErrors.length > 0) {
    throw fail('ROSTER.INVALID_ROWS', `名册中有 ${allErrors.length} 处错误，未导入任何数据`, {
      rows: allErrors,
    });
  }
  const changes = plan.filter((p) => !p.existing || differs(p.existing, p.data, given));
  const counts = {
    total: plan.length,
    created: plan.filter((p) => !p.existing).length,
    updated: changes.filter((p) => p.existing).length,
    unchanged: plan.length - changes.length,
  };
  if (input.dryRun || changes.length === 0) return { dryRun: input.dryRun, ...counts, job: null };
  const started = await startImport(ctx, input.fileName, given, changes, counts);
  const job = await runJob(ctx, started.jobId, IMPORT_STEPS);
  return { dryRun: false, ...started.counts, job: jobView(job) };
});

/** The latest import, moved on a few steps (a failed one set going again first). */
export const continueImport = command(members.continueImport, STAFF, async (ctx) => {
  const current = await ctx.store.get<CurrentImportDoc>('roster_imports', 'current');
  if (!current) return null;
  const [imp] = await Promise.all([
    ctx.store.get<RosterImportDoc>('roster_imports', current.importId),
    resumeJob(ctx.store, current.jobId, iso(ctx.clock.now())),
  ]);
  const job = await runJob(ctx, current.jobId, IMPORT_STEPS);
  return imp ? { dryRun: false, ...imp.counts, job: jobView(job) } : null;
});

/** Import steps one call runs (50 rows each): about 55 store calls a step. */
const IMPORT_STEPS = 4;

/**
 * Keeps the checked rows and starts their job, in one transaction that also takes the roster:
 * `roster_imports/current` is written by every start, so of two imports at once one commits and
 * the other is refused (as it is while the last one still runs).
 */
async function startImport(
  ctx: ActionContext,
  fileName: string,
  given: RosterImportDoc['given'],
  changes: PlannedRow[],
  counts: RosterImportDoc['counts'],
): Promise<{ jobId: string; counts: RosterImportDoc['counts'] }> {
  const importId = ctx.ids.next('ri');
  const jobId = rosterJobId(importId);
  const now = iso(ctx.clock.now());
  const rows: ImportRow[] = changes.map((p) => ({
    row: p.row,
    data: p.data,
    existingId: p.existing?._id ?? null,
  }));
  try {
    return await once(ctx, async (tx) => {
      const current = await tx.get<CurrentImportDoc>('roster_imports', 'current');
      if (current) {
        const running = await tx.get<JobDoc>('jobs', current.jobId);
        if (running?.status === 'running') throw fail('ROSTER.IMPORT_RUNNING');
        await tx.update('roster_imports', 'current', { set: { importId, jobId } });
      } else
        await tx.insert<CurrentImportDoc>('roster_imports', { _id: 'current', importId, jobId });
      await tx.insert<RosterImportDoc>('roster_imports', {
        _id: importId,
        fileName,
        given,
        rows,
        counts,
        jobId,
        by: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
        at: now,
      });
      await startJob<RosterJobParams>(
        tx,
        { id: jobId, kind: ROSTER_JOB, params: { importId }, total: rows.length },
        now,
      );
      await audit(tx, ctx, {
        targetType: 'roster',
        targetId: 'roster',
        before: { updated: rows.filter((r) => r.existingId).map((r) => r.existingId) },
        after: {
          fileName,
          created: rows.filter((r) => !r.existingId).map((r) => importedMemberId(importId, r.row)),
          updated: rows.filter((r) => r.existingId).map((r) => r.existingId),
          total: counts.total,
        },
      });
      return { jobId, counts };
    });
  } catch (e) {
    // Another import took `current` at the same moment.
    if (isStoreError(e, 'DUPLICATE')) throw fail('ROSTER.IMPORT_RUNNING');
    throw e;
  }
}

/** Matches rows to roster entries by phone; a phone that names someone else is an error. */
function planImport(rows: Array<{ row: number; data: RosterRow }>, roster: MemberDoc[]) {
  const byPhone = new Map(roster.filter((m) => m.phone).map((m) => [m.phone!, m]));
  const errors: RosterRowError[] = [];
  const plan: PlannedRow[] = [];
  for (const { row, data } of rows) {
    const match = data.phone ? (byPhone.get(data.phone) ?? null) : null;
    if (match && match.name !== data.name) {
      errors.push({
        row,
        column: null,
        message: `手机号 ${data.phone} 已属于名册中的「${match.name}」，请核对姓名或手机号`,
      });
      continue;
    }
    plan.push({ row, data, existing: match });
  }
  return { plan, errors };
}
