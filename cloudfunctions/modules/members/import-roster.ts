import {
  MAX_ROSTER_FILE_BYTES,
  members,
  type RosterImportResult,
  type RosterRowError,
} from '../../../typings/contracts/members';
import { command, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import { readRosterFile, RosterFileError, type RosterRow } from './roster-file';

const FIELDS = [
  'name',
  'gender',
  'sector',
  'specialCommittee',
  'standingMember',
  'phone',
  'term',
] as const;

interface PlannedRow {
  row: number;
  data: RosterRow;
  existing: MemberDoc | null;
}

/**
 * Imports the committee roster from a CSV or Excel file, all or nothing: every row is checked
 * first and any error refuses the whole file, with the errors listed row by row. A row whose
 * phone number is already on the roster updates that entry (only the columns the file has:
 * a file of 姓名 and 手机号 leaves sectors and committees as they are); other rows create entries.
 * `dryRun` reports what would happen without writing. A retried request imports once.
 */
export const importRoster = command(members.importRoster, STAFF, async (ctx, input) => {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw fail('ROSTER.FILE_UNREADABLE');
  if (bytes.length > MAX_ROSTER_FILE_BYTES)
    throw fail('REQUEST.TOO_LARGE', '名册文件不能超过 2 MB');
  const parsed = await readRosterFile(input.fileName, bytes).catch((e: unknown) => {
    throw e instanceof RosterFileError ? fail(e.code, e.message) : e;
  });
  const existing = await ctx.store.find<MemberDoc>('members', {});
  const { plan, errors } = planImport(parsed.rows, existing);
  // Only the columns the file has are imported into existing entries; the rest stay.
  const given = FIELDS.filter((f) => parsed.fields?.includes(f) ?? true);
  const allErrors = [...parsed.errors, ...errors].sort((a, b) => a.row - b.row);
  if (allErrors.length > 0) {
    throw fail('ROSTER.INVALID_ROWS', `名册中有 ${allErrors.length} 处错误，未导入任何数据`, {
      rows: allErrors,
    });
  }
  const changes = plan.filter((p) => !p.existing || differs(p.existing, p.data, given));
  const result: RosterImportResult = {
    dryRun: input.dryRun,
    total: plan.length,
    created: plan.filter((p) => !p.existing).length,
    updated: changes.filter((p) => p.existing).length,
    unchanged: plan.length - changes.length,
  };
  if (input.dryRun) return result;
  return once(ctx, async (tx) => {
    const now = iso(ctx.clock.now());
    const created: string[] = [];
    const updated: Array<{ id: string; before: Partial<MemberDoc> }> = [];
    for (const p of changes) {
      if (p.existing) {
        const set = {
          ...fieldsOf(p.data, given),
          roles: mergeRoles(p.existing.roles, p.data.roles),
          updatedAt: now,
        };
        await tx.update('members', p.existing._id, { set, inc: { version: 1 } });
        updated.push({ id: p.existing._id, before: pick(p.existing) });
      } else {
        const doc = newMember(ctx, p.data, now);
        await tx.insert('members', doc);
        created.push(doc._id);
      }
    }
    await audit(tx, ctx, {
      targetType: 'roster',
      targetId: 'roster',
      before: { updated },
      after: {
        fileName: input.fileName,
        created,
        updated: updated.map((u) => u.id),
        total: result.total,
      },
    });
    return result;
  });
});

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

type Field = (typeof FIELDS)[number];

function fieldsOf(data: RosterRow, fields: readonly Field[] = FIELDS) {
  return Object.fromEntries(fields.map((f) => [f, data[f]])) as Pick<MemberDoc, Field>;
}

function pick(m: MemberDoc): Partial<MemberDoc> {
  return { ...Object.fromEntries(FIELDS.map((f) => [f, m[f]])), roles: m.roles };
}

function mergeRoles(current: MemberDoc['roles'], fromFile: RosterRow['roles']): MemberDoc['roles'] {
  return [...new Set([...current, ...fromFile])];
}

function differs(m: MemberDoc, data: RosterRow, fields: readonly Field[]): boolean {
  return (
    fields.some((f) => m[f] !== data[f]) ||
    mergeRoles(m.roles, data.roles).length !== m.roles.length
  );
}

export function newMember(
  ctx: Pick<ActionContext, 'ids'>,
  data: RosterRow,
  now: string,
): MemberDoc {
  return {
    _id: ctx.ids.next('m'),
    ...fieldsOf(data),
    roles: data.roles,
    active: true,
    openid: null,
    boundAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
