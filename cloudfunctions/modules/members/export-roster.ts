import { MEMBER_STATUS_LABELS, members } from '../../../typings/contracts/members';
import { handle, STAFF } from '../../kernel/action';
import { businessDate, businessDateTime } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import { MEMBER_NAMES, sortPeople } from '../../kernel/people-order';
import { peopleOrder } from '../settings/store';
import { writeSheetXlsx, type SheetColumn } from '../../kernel/xlsx';
import { ROSTER_COLUMNS, toRosterRecord } from './roster-file';

/** The import's columns first, so an exported roster can be edited and imported back. */
const COLUMNS: SheetColumn[] = [
  ...ROSTER_COLUMNS,
  { key: 'active', header: '状态', width: 8 },
  { key: 'boundAt', header: '微信绑定时间', width: 20 },
];

/** The roster as an Excel file (phones included: staff only). */
export const exportRoster = handle(members.exportRoster, STAFF, async (ctx, input) => {
  const [found, order] = await Promise.all([
    // The committee's roster: handling units' contact accounts are kept on the units page.
    ctx.store.find<MemberDoc>('members', {
      where: input.includeInactive ? { unitId: null } : { active: true, unitId: null },
    }),
    peopleOrder(ctx.store),
  ]);
  // As the roster page lists them: by sector, then name in the committee's order.
  const docs = await sortPeople(found, order, MEMBER_NAMES);
  const rows = docs.map((m) => ({
    ...toRosterRecord(m),
    active: MEMBER_STATUS_LABELS[m.active ? 'active' : 'inactive'],
    boundAt: m.boundAt ? businessDateTime(m.boundAt) : '未绑定',
  }));
  const content = await writeSheetXlsx(rows, COLUMNS, '委员名册');
  return {
    fileName: `委员名册-${businessDate(ctx.clock.now())}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: content.toString('base64'),
  };
});
