import type { PolicyView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import {
  formatPoints,
  gradeBandTexts,
  parseYear,
  policyVersionText,
  recentYears,
  ruleGroups,
  toCategoryItem,
  toEntryItem,
  toRecordSummary,
  type CategoryItem,
  type EntryItem,
  type RecordSummary,
  type RuleGroup,
} from '../../../utils/ledger';

export { PAGE_SIZE } from '../../../kit/paged-list';

/** The chip for every category. */
const ALL = 'all';

/** Who cannot have a record: office staff, and a WeChat account bound to nobody. */
type Gate = '' | 'notMember' | 'unbound';
/** The rules load beside the record and fail on their own. */
type SectionStatus = 'loading' | 'ready' | 'error';

interface PolicyItem {
  title: string;
  versionText: string;
  baseScoreText: string;
  passLineText: string;
  /** Base score and pass line, then the bands. */
  lines: string[];
  groups: RuleGroup[];
}

function toPolicyItem(p: PolicyView): PolicyItem {
  return {
    title: p.title,
    versionText: policyVersionText(p.version),
    baseScoreText: formatPoints(p.baseScore),
    passLineText: formatPoints(p.passLine),
    lines: [
      `基础分 ${formatPoints(p.baseScore)} 分，合格线 ${formatPoints(p.passLine)} 分。`,
      ...gradeBandTexts(p.grades),
    ],
    groups: ruleGroups(p),
  };
}

function gateOf(err: unknown): Gate {
  if (isApiCallError(err) && err.code === 'LEDGER.NOT_A_MEMBER') return 'notMember';
  if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') return 'unbound';
  return '';
}

/**
 * 我的履职: the year's record (total, grade, categories), the rules in force and the entries,
 * a page at a time, filtered by category. A filter reloads the entries only.
 */
Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    years: recentYears(),
    year: recentYears()[0]!,
    gate: '' as Gate,
    summary: null as RecordSummary | null,
    categories: [] as CategoryItem[],
    policyStatus: 'loading' as SectionStatus,
    policyError: '',
    policy: null as PolicyItem | null,
    rulesOpen: false,
    filters: [] as Array<{ value: string; label: string }>,
    category: '',
    items: [] as EntryItem[],
    /** The year whose record is shown: a filter keeps it, a new year or a refresh fetches. */
    _recordFor: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.reload();
    },

    async onPullDownRefresh() {
      this.setData({ _recordFor: 0 });
      await this.reload({ quiet: true });
      wx.stopPullDownRefresh();
    },

    onYear(e: UiEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year, category: '', rulesOpen: false, _recordFor: 0 });
      return this.reload();
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<EntryItem>> {
      const { year, category } = this.data;
      const query = category ? { year, category, page, pageSize } : { year, page, pageSize };
      const entries = api.ledger.listMyEntries(query);
      // Awaited below only when the record loads: a failure here must not go unhandled.
      entries.catch(() => undefined);
      if (page > 1 || this.data._recordFor === year) {
        const result = await entries;
        return { items: result.items.map(toEntryItem), total: result.total };
      }
      const [record] = await Promise.all([
        api.ledger.getMyRecord({ year }).catch((err: unknown) => {
          if (gateOf(err)) return gateOf(err);
          throw err;
        }),
        this.loadPolicy(),
      ]);
      if (typeof record === 'string') {
        return { items: [], total: 0, extra: { gate: record } };
      }
      const result = await entries;
      return {
        items: result.items.map(toEntryItem),
        total: result.total,
        extra: {
          gate: '',
          _recordFor: year,
          summary: toRecordSummary(record),
          categories: record.categories.map(toCategoryItem),
          filters: [{ value: ALL, label: '全部' }].concat(
            record.categories.map((c) => ({ value: c.id, label: c.label })),
          ),
        },
      };
    },

    async loadPolicy() {
      const { _seq: seq, year } = this.data;
      this.setData({ policyStatus: 'loading', policyError: '' });
      try {
        const policy = await api.ledger.getPolicy({ year });
        if (seq === this.data._seq)
          this.setData({ policyStatus: 'ready', policy: toPolicyItem(policy) });
      } catch (err) {
        if (seq === this.data._seq)
          this.setData({ policyStatus: 'error', policyError: messageOf(err) });
      }
    },

    onCategory(e: ValueEvent) {
      const value = e.detail.value ?? ALL;
      const category = value === ALL ? '' : value;
      if (category === this.data.category) return undefined;
      this.setData({ category });
      return this.reload();
    },

    onRetryPolicy() {
      return this.loadPolicy();
    },

    onToggleRules() {
      this.setData({ rulesOpen: !this.data.rulesOpen });
    },

    onOpenSource(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
