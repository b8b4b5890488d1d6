/**
 * 导出履职档案: the member's record of duty as a Word file, for the year shown or for the years
 * of a term (本届: from one year to another, at most five), opened as the office's other exports
 * are. The choice is checked as the server checks it (ledger.exportMemberRecord).
 */
import { LEDGER_LIMITS } from '../../../../generated/contract';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { exportFile } from '../../../../utils/export-file';

type Scope = 'year' | 'term';

/** Years a term may start or end in: the ten up to the year shown. */
function termYears(year: number): number[] {
  return Array.from({ length: 10 }, (_, i) => year - 9 + i);
}

Component({
  properties: {
    memberId: { type: String, value: '' },
    /** The year the record page shows. */
    year: { type: Number, value: 0 },
  },
  data: {
    scope: 'year' as Scope,
    scopes: [] as Array<{ value: Scope; label: string }>,
    years: [] as number[],
    yearLabels: [] as string[],
    fromIndex: 0,
    toIndex: 0,
    error: '',
    exporting: false,
  },
  observers: {
    year(year: number) {
      if (!year) return;
      const years = termYears(year);
      this.setData({
        scopes: [
          { value: 'year', label: `${year} 年度` },
          { value: 'term', label: '本届' },
        ],
        years,
        yearLabels: years.map((y) => `${y} 年`),
        // A term is five years: by default the five up to the year shown.
        fromIndex: years.length - LEDGER_LIMITS.termYears,
        toIndex: years.length - 1,
        error: '',
      });
    },
  },
  methods: {
    onScope(e: UiEvent<object, { value: string }>) {
      this.setData({ scope: e.detail.value === 'term' ? 'term' : 'year', error: '' });
    },

    onFrom(e: ValueEvent<string | number>) {
      this.setData({ fromIndex: Number(e.detail.value) || 0, error: '' });
    },

    onTo(e: ValueEvent<string | number>) {
      this.setData({ toIndex: Number(e.detail.value) || 0, error: '' });
    },

    async onExport() {
      const { memberId, year, scope, years, fromIndex, toIndex } = this.data;
      if (!memberId || this.data.exporting) return;
      const input =
        scope === 'term'
          ? { memberId, term: { fromYear: years[fromIndex]!, toYear: years[toIndex]! } }
          : { memberId, year };
      const error = firstError(checkInput('ledger', 'exportMemberRecord', input));
      if (error) {
        this.setData({ error });
        return;
      }
      this.setData({ exporting: true });
      await exportFile(() => api.ledger.exportMemberRecord(input), {
        what: '履职档案',
        shareFailed: '无法发送该文件，请稍后重试',
      });
      this.setData({ exporting: false });
    },
  },
});
