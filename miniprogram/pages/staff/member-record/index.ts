import type { LedgerEntryView, MemberYearRecord } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { orNotSet } from '../../../utils/format';
import {
  businessYear,
  parseYear,
  toCategoryItem,
  toEntryItem,
  toRecordSummary,
  type CategoryItem,
  type EntryItem,
  type RecordSummary,
} from '../../../utils/ledger';
import { askText } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { checkAward, emptyAwardForm, reverseProblem, type AwardErrors } from './award-form';
import { LEDGER_LIMITS } from '../../../generated/contract';

interface RecordEntry extends EntryItem {
  /** Staff may reverse the event behind an entry; corrections themselves are not reversed. */
  reversible: boolean;
}

interface HeadView extends RecordSummary {
  unitText: string;
}

function toHead(r: MemberYearRecord): HeadView {
  return {
    ...toRecordSummary(r),
    unitText: r.specialCommittee
      ? `${orNotSet(r.sector)} · ${r.specialCommittee}`
      : orNotSet(r.sector),
  };
}

function toRecordEntry(e: LedgerEntryView): RecordEntry {
  return { ...toEntryItem(e), reversible: e.kind === 'event' };
}

/** Query values arrive as they were put in the URL. */
function decoded(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '').trim();
  } catch {
    return '';
  }
}

Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    limits: LEDGER_LIMITS,
    /** Opened without a member: nothing to load or retry. */
    missing: false,
    memberId: '',
    year: businessYear(),
    head: null as HeadView | null,
    categories: [] as CategoryItem[],
    entries: [] as RecordEntry[],
    /** The record's categories, for the award form's picker. */
    categoryIds: [] as string[],
    categoryLabels: [] as string[],
    formOpen: false,
    form: emptyAwardForm(),
    formErrors: {} as AwardErrors,
    categoryIndex: -1,
    submitting: false,
    reversing: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const memberId = decoded(query.memberId);
      const year = parseYear(query.year) ?? businessYear();
      if (!memberId) {
        this.setData({ missing: true });
        return undefined;
      }
      this.setData({ memberId, year });
      return this.reload();
    },

    /** The record of the member asked for (reloaded quietly after each correction). */
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const record = await api.ledger.getMemberRecord({
        year: this.data.year,
        memberId: this.data.memberId,
      });
      return {
        head: toHead(record),
        categories: record.categories.map(toCategoryItem),
        entries: record.entries.map(toRecordEntry),
        categoryIds: record.categories.map((c) => c.id),
        categoryLabels: record.categories.map((c) => c.label),
      };
    },

    async onPullDownRefresh() {
      if (this.data.memberId) await this.reload({ quiet: true });
      wx.stopPullDownRefresh();
    },

    /** After a change: the page stays as it is until the new record arrives. */
    refresh() {
      return this.reload({ quiet: true });
    },

    async onReverse(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      const entry = this.data.entries.find((x) => x.id === id);
      if (!entry || this.data.reversing) return;
      const sure = await wx.showModal({
        title: '撤销积分',
        content: `确定撤销 ${entry.date}“${entry.reason}”（${entry.pointsText} 分）吗？撤销会记一笔冲减，原记录保留。`,
        confirmText: '撤销',
        confirmColor: '#c5221f',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const reason = await askText({
        title: '请填写撤销原因',
        placeholder: '例如：签到记录有误',
        confirmText: '确定撤销',
        check: (text) => reverseProblem(entry.id, text),
      });
      if (reason === null) return;
      this.setData({ reversing: entry.id });
      wx.showLoading({ title: '正在撤销', mask: true });
      try {
        const result = await api.ledger.reverseEntry({ entryId: entry.id, reason });
        wx.hideLoading();
        if (result.reversed) showSuccess('已撤销');
        else showMessage('这条记录此前已经撤销，积分没有变化。');
        await this.refresh();
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ reversing: '' });
      }
    },

    onOpenAward() {
      this.setData({ formOpen: true, form: emptyAwardForm(), formErrors: {}, categoryIndex: -1 });
    },

    onCloseAward() {
      if (this.data.submitting) return;
      this.setData({ formOpen: false });
    },

    onSign(e: UiEvent<{ sign?: number }>) {
      const sign = e.currentTarget.dataset.sign === -1 ? -1 : 1;
      this.setData({ 'form.sign': sign });
    },

    onPointsInput(e: ValueEvent) {
      this.setData({ 'form.points': e.detail.value, 'formErrors.points': '' });
    },

    onCategoryPick(e: ValueEvent<string | number>) {
      const index = Number(e.detail.value);
      const id = this.data.categoryIds[index];
      if (id === undefined) return;
      this.setData({ categoryIndex: index, 'form.category': id, 'formErrors.category': '' });
    },

    onTitleInput(e: ValueEvent) {
      this.setData({ 'form.title': e.detail.value, 'formErrors.title': '' });
    },

    onReasonInput(e: ValueEvent) {
      this.setData({ 'form.reason': e.detail.value, 'formErrors.reason': '' });
    },

    async onSubmitAward() {
      if (this.data.submitting) return;
      const { form, memberId, year } = this.data;
      const checked = checkAward(form, memberId, year);
      if (!checked.ok) {
        this.setData({ formErrors: checked.errors });
        return;
      }
      this.setData({ submitting: true, formErrors: {} });
      try {
        const entry = await api.ledger.awardPoints(checked.input);
        this.setData({ submitting: false, formOpen: false });
        showSuccess(entry.points > 0 ? '已加分' : '已扣分');
        await this.refresh();
      } catch (err) {
        this.setData({ submitting: false });
        showError(err);
      }
    },

    onOpenSource(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
