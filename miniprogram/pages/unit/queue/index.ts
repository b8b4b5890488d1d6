/**
 * 本单位办理: the proposals given to the caller's handling unit, 待办理 (to accept, answer or
 * sign off, those waiting on the unit first) and 已答复; each row opens the unit's proposal page.
 * `?queue=answered` opens the second list.
 */
import type { UnitQueue } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { api } from '../../../services/api';
import { queryValue } from '../../../utils/format';
import { isUnitQueue, toUnitRow, unitQueueChips, type UnitRow } from '../rows';

const EMPTY: Record<UnitQueue, string> = {
  open: '没有待办理的提案。交办给本单位的提案会显示在这里。',
  answered: '还没有已答复的提案。',
};

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    queue: 'open' as UnitQueue,
    queues: unitQueueChips(null),
    items: [] as UnitRow[],
    emptyText: EMPTY.open,
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      const queue = queryValue(query?.queue);
      this.setData({ _query: query ?? {}, queue: isUnitQueue(queue) ? queue : 'open' });
      return this.reload();
    },

    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<UnitRow>> {
      const { queue } = this.data;
      const result = await api.proposals.unitQueue({ queue, page, pageSize });
      return {
        items: result.items.map(toUnitRow),
        total: result.total,
        extra: { queues: unitQueueChips(result.counts), emptyText: EMPTY[queue] },
      };
    },

    onQueue(e: ValueEvent<string>) {
      if (!isUnitQueue(e.detail.value)) return undefined;
      this.setData({ queue: e.detail.value });
      return this.reload();
    },

    onOpen(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
