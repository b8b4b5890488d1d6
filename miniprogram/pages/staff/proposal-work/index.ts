/**
 * 提案办理工作台: accepted proposals by handling step (待交办 … 已办结) with every step's count,
 * filtered by year, category, unit, proposer and words; each row opens 提案办理 and offers its
 * next step (交办 opens the assign panel). `?queue=` picks the step, `?leadId=&leadName=` the
 * proposer (from a member's record).
 */
import type { HandlingUnitView, WorkQueue } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { searchBox } from '../../../kit/search-box';
import { loadSettings } from '../../../kit/settings';
import { api } from '../../../services/api';
import { queryValue } from '../../../utils/format';
import { emptyText, isWorkQueue, queueChips, toWorkRow, type WorkRow } from './work';

const ALL_YEARS = '全部年度';
const ALL_CATEGORIES = '全部类别';
const ALL_UNITS = '全部承办单位';

/** This year and the four before it (Beijing time is close enough for a filter's choices). */
function yearOptions(now = new Date()): string[] {
  const year = now.getFullYear();
  return [ALL_YEARS, ...Array.from({ length: 5 }, (_, i) => `${year - i} 年`)];
}

Component({
  behaviors: [fontScale, pagedList, searchBox],
  options: { pureDataPattern: /^_/ },
  data: {
    queue: 'unassigned' as WorkQueue,
    queues: queueChips(null),
    yearOptions: yearOptions(),
    yearIndex: 0,
    categoryOptions: [ALL_CATEGORIES] as string[],
    categoryIndex: 0,
    unitOptions: [ALL_UNITS] as string[],
    unitIndex: 0,
    leadId: '',
    leadName: '',
    items: [] as WorkRow[],
    emptyText: '',
    _units: [] as HandlingUnitView[],
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      const queue = queryValue(query?.queue);
      this.setData({
        _query: query ?? {},
        queue: isWorkQueue(queue) ? queue : 'unassigned',
        leadId: queryValue(query?.leadId),
        leadName: queryValue(query?.leadName),
      });
      void this.loadChoices();
      return this.reload();
    },

    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    /** The committee's categories and the handling units: the filters' choices. */
    async loadChoices() {
      const [settings, units] = await Promise.all([
        loadSettings().catch(() => null),
        api.proposals.listUnits({}).catch(() => null),
      ]);
      if (settings)
        this.setData({ categoryOptions: [ALL_CATEGORIES, ...settings.proposals.categories] });
      if (units)
        this.setData({
          _units: units.items,
          unitOptions: [ALL_UNITS, ...units.items.map((u) => u.name)],
        });
    },

    filtered(): boolean {
      const { yearIndex, categoryIndex, unitIndex, leadId, keyword } = this.data;
      return yearIndex > 0 || categoryIndex > 0 || unitIndex > 0 || !!leadId || !!keyword.trim();
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<WorkRow>> {
      const d = this.data;
      const input: Parameters<typeof api.proposals.workQueue>[0] = {
        queue: d.queue,
        page,
        pageSize,
      };
      if (d.yearIndex > 0) input.year = Number.parseInt(d.yearOptions[d.yearIndex]!, 10);
      if (d.categoryIndex > 0) input.category = d.categoryOptions[d.categoryIndex];
      if (d.unitIndex > 0) input.unitId = d._units[d.unitIndex - 1]?.id;
      if (d.leadId) input.leadId = d.leadId;
      if (d.keyword.trim()) input.keyword = d.keyword.trim();
      const result = await api.proposals.workQueue(input);
      return {
        items: result.items.map(toWorkRow),
        total: result.total,
        extra: {
          queues: queueChips(result.counts),
          emptyText: emptyText(d.queue, this.filtered()),
        },
      };
    },

    onQueue(e: ValueEvent<string>) {
      if (!isWorkQueue(e.detail.value)) return undefined;
      this.setData({ queue: e.detail.value });
      return this.reload();
    },

    /** A picker (year, category, unit): `data-field` names its index. */
    onPick(e: UiEvent<{ field?: string }, { value: string | number }>) {
      const field = e.currentTarget.dataset.field;
      const index = Number(e.detail.value);
      if (!field || !(index >= 0) || index === this.data[field as 'yearIndex']) return undefined;
      this.setData({ [field]: index });
      return this.reload();
    },

    onClearLead() {
      this.setData({ leadId: '', leadName: '' });
      return this.reload();
    },

    /** A row, or its next-step button: the node's `data-url`. */
    onLink(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
