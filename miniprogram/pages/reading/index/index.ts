import type { Book, GroupSummary, ReadingPeriod } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';

type Tab = 'mine' | 'all';
const TABS = [
  { value: 'mine', label: '我的读书群' },
  { value: 'all', label: '全部读书群' },
];

/** 书香政协: the period in progress, its reading groups (mine or all) and its book list. */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    tabs: TABS,
    tab: 'mine' as Tab,
    period: null as ReadingPeriod | null,
    groups: [] as GroupSummary[],
    books: [] as Book[],
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const periods = await api.reading.listPeriods({});
      const period = periods.find((p) => p.phase === 'current') ?? periods[0] ?? null;
      if (!period) return { period: null, groups: [], books: [] };
      const [groups, books] = await Promise.all([
        api.reading.listGroups({ periodId: period.id, mine: this.data.tab === 'mine' }),
        api.reading.listBooks({ periodId: period.id }),
      ]);
      return { period, groups, books };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onTab(e: ValueEvent<Tab>) {
      this.setData({ tab: e.detail.value });
      return this.reload({ quiet: true });
    },

    onGroup(e: UiEvent<{ id?: string }>) {
      wx.navigateTo({ url: `/pages/reading/group/index?id=${e.currentTarget.dataset.id ?? ''}` });
    },

    onBook(e: UiEvent<{ id?: string }>) {
      wx.navigateTo({ url: `/pages/reading/book/index?id=${e.currentTarget.dataset.id ?? ''}` });
    },

    onFeed(e: UiEvent<{ scope?: string }>) {
      wx.navigateTo({
        url: `/pages/reading/feed/index?scope=${e.currentTarget.dataset.scope ?? 'club'}`,
      });
    },
  },
});
