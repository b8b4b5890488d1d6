import type { PolicyView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
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

export const PAGE_SIZE = 20;

type Status = 'loading' | 'ready' | 'error' | 'notMember' | 'unbound';
/** The rules and the timeline load beside the record and fail on their own. */
type SectionStatus = 'loading' | 'ready' | 'error';

interface Filter {
  /** '' for all categories. */
  id: string;
  label: string;
}

interface PolicyItem {
  title: string;
  versionText: string;
  baseScoreText: string;
  passLineText: string;
  grades: string[];
  groups: RuleGroup[];
}

function toPolicyItem(p: PolicyView): PolicyItem {
  return {
    title: p.title,
    versionText: policyVersionText(p.version),
    baseScoreText: formatPoints(p.baseScore),
    passLineText: formatPoints(p.passLine),
    grades: gradeBandTexts(p.grades),
    groups: ruleGroups(p),
  };
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    years: recentYears(),
    year: recentYears()[0]!,
    summary: null as RecordSummary | null,
    categories: [] as CategoryItem[],
    policyStatus: 'loading' as SectionStatus,
    policyError: '',
    policy: null as PolicyItem | null,
    rulesOpen: false,
    filters: [] as Filter[],
    category: '',
    entriesStatus: 'loading' as SectionStatus,
    entriesError: '',
    entries: [] as EntryItem[],
    entriesTotal: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    /** Bumped by every fresh load (and, for entries, every filter), so late answers are dropped. */
    _seq: 0,
    _entriesSeq: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.load();
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      return this.loadMore();
    },

    onRetry() {
      return this.load();
    },

    onYear(e: DataEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year });
      return this.load();
    },

    /** The record, the rules in force and the first page of entries, side by side. */
    async load() {
      const seq = this.data._seq + 1;
      const { year } = this.data;
      this.setData({ _seq: seq, status: 'loading', category: '', rulesOpen: false });
      const others = Promise.all([this.loadPolicy(), this.loadEntries()]);
      try {
        const record = await api.ledger.getMyRecord({ year });
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          summary: toRecordSummary(record),
          categories: record.categories.map(toCategoryItem),
          filters: [{ id: '', label: '全部' }].concat(
            record.categories.map((c) => ({ id: c.id, label: c.label })),
          ),
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'LEDGER.NOT_A_MEMBER') {
          this.setData({ status: 'notMember' });
        } else if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          this.setData({ status: 'unbound' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
      await others;
    },

    async loadPolicy() {
      const { _seq: seq, year } = this.data;
      this.setData({ policyStatus: 'loading', policyError: '' });
      try {
        const policy = await api.ledger.getPolicy({ year });
        if (seq !== this.data._seq) return;
        this.setData({ policyStatus: 'ready', policy: toPolicyItem(policy) });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ policyStatus: 'error', policyError: messageOf(err) });
      }
    },

    query(page: number) {
      const { year, category } = this.data;
      return category
        ? { year, category, page, pageSize: PAGE_SIZE }
        : { year, page, pageSize: PAGE_SIZE };
    },

    async loadEntries() {
      const seq = this.data._entriesSeq + 1;
      this.setData({
        _entriesSeq: seq,
        entriesStatus: 'loading',
        entriesError: '',
        entries: [],
        page: 0,
        hasMore: false,
        loadingMore: false,
        loadMoreError: '',
      });
      try {
        const result = await api.ledger.listMyEntries(this.query(1));
        if (seq !== this.data._entriesSeq) return;
        this.setData({
          entriesStatus: 'ready',
          entries: result.items.map(toEntryItem),
          entriesTotal: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
        });
      } catch (err) {
        if (seq !== this.data._entriesSeq) return;
        this.setData({ entriesStatus: 'error', entriesError: messageOf(err) });
      }
    },

    async loadMore() {
      const { status, entriesStatus, hasMore, loadingMore, page, _entriesSeq: seq } = this.data;
      if (status !== 'ready' || entriesStatus !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const result = await api.ledger.listMyEntries(this.query(page + 1));
        if (seq !== this.data._entriesSeq) return;
        this.setData({
          entries: this.data.entries.concat(result.items.map(toEntryItem)),
          entriesTotal: result.total,
          page: page + 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._entriesSeq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    onCategory(e: DataEvent<{ id?: string }>) {
      const { id = '' } = e.currentTarget.dataset;
      if (id === this.data.category) return undefined;
      this.setData({ category: id });
      return this.loadEntries();
    },

    onRetryEntries() {
      return this.loadEntries();
    },

    onRetryPolicy() {
      return this.loadPolicy();
    },

    onToggleRules() {
      this.setData({ rulesOpen: !this.data.rulesOpen });
    },

    onOpenSource(e: DataEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
