import type { Book, GroupSummary, ReadingPeriod } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';

const EDIT = '/pages/staff/reading-edit/index';

/**
 * The office's reading club: reading periods, and the chosen period's book list and reading
 * groups; each opens its form, and each list starts a new one. Moderation and the statistics
 * are a tap away.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    periods: [] as ReadingPeriod[],
    chips: [] as Array<{ value: string; label: string }>,
    periodId: '',
    books: [] as Book[],
    groups: [] as GroupSummary[],
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const periods = await api.reading.listPeriods({});
      const chosen =
        periods.find((p) => p.id === this.data.periodId) ??
        periods.find((p) => p.phase === 'current') ??
        periods[0];
      const chips = periods.map((p) => ({ value: p.id, label: `${p.title}（${p.phaseLabel}）` }));
      if (!chosen) return { periods, chips, periodId: '', books: [], groups: [] };
      const [books, groups] = await Promise.all([
        api.reading.listBooks({ periodId: chosen.id }),
        api.reading.listGroups({ periodId: chosen.id }),
      ]);
      return { periods, chips, periodId: chosen.id, books, groups };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onPeriod(e: ValueEvent) {
      this.setData({ periodId: e.detail.value });
      return this.reload({ quiet: true });
    },

    /** `data-type` period | book | group, `data-id` to edit one ('' for a new one). */
    onEdit(e: UiEvent<{ type?: string; id?: string }>) {
      const { type = 'period', id = '' } = e.currentTarget.dataset;
      wx.navigateTo({ url: `${EDIT}?type=${type}&id=${id}&periodId=${this.data.periodId}` });
    },

    onModeration() {
      wx.navigateTo({ url: '/pages/staff/reading-moderation/index' });
    },

    onReport() {
      wx.navigateTo({ url: '/pages/staff/reading-report/index' });
    },
  },
});
