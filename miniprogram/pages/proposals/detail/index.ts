import type { ProposalDetail, Rating } from '../../../../typings/contracts';
import { toProposalView, type ProposalView } from '../../../components/proposal-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { findDraftByServerId, removeDraft } from '../../../utils/drafts';
import { askText } from '../../../utils/prompt';
import {
  changeCount,
  markChanged,
  pageUrl,
  PROPOSAL_EDIT_PAGE,
  queryValue,
  RATING_LABELS,
} from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

type Status = 'loading' | 'ready' | 'error' | 'notFound';
type Can = ProposalDetail['can'];
type RatingField = 'rating' | 'attitude' | 'result';

const NOTHING: Can = {
  edit: false,
  submit: false,
  withdraw: false,
  coSign: false,
  review: false,
  consentConvert: false,
  evaluate: false,
};

export const RATING_OPTIONS = (Object.keys(RATING_LABELS) as Rating[]).map((value) => ({
  value,
  label: RATING_LABELS[value],
}));

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
    view: null as ProposalView | null,
    can: NOTHING,
    busy: false,
    ratingOptions: RATING_OPTIONS,
    evaluation: { rating: '', attitude: '', result: '', comment: '' },
    evaluationError: '',
    _id: '',
    _changes: -1,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const id = queryValue(query.id);
      if (!id) {
        this.setData({ status: 'notFound' });
        return undefined;
      }
      this.setData({ _id: id });
      return this.load();
    },

    onShow() {
      if (this.data.status === 'ready' && this.data._changes !== changeCount()) return this.load();
      return undefined;
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load();
    },

    async load() {
      this.setData({ status: 'loading', _changes: changeCount() });
      try {
        const detail = await api.proposals.get({ proposalId: this.data._id });
        this.show(detail);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'PROPOSAL.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    show(detail: ProposalDetail) {
      this.setData({
        status: 'ready',
        view: toProposalView(detail),
        can: detail.can,
        _changes: changeCount(),
      });
    },

    /** One member action: the server's answer replaces the page; a refusal is explained. */
    async act(title: string, call: () => Promise<ProposalDetail>, done: string) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      wx.showLoading({ title, mask: true });
      try {
        const detail = await call();
        wx.hideLoading();
        markChanged();
        this.show(detail);
        if (done) showSuccess(done);
        return true;
      } catch (err) {
        wx.hideLoading();
        showError(err);
        // The proposal moved on meanwhile (deadline passed, someone decided): show it as it is.
        if (
          isApiCallError(err) &&
          ['STORE.CONFLICT', 'PROPOSAL.WRONG_STATE', 'PROPOSAL.COSIGN_CLOSED'].includes(err.code)
        ) {
          await this.load();
        }
        return false;
      } finally {
        this.setData({ busy: false });
      }
    },

    onEdit() {
      wx.navigateTo({ url: pageUrl(PROPOSAL_EDIT_PAGE, this.data._id) });
    },

    async onWithdraw() {
      const reason = await askText({
        title: '撤回提案',
        placeholder: '请填写撤回原因',
        confirmText: '撤回',
        minLength: 2,
        maxLength: 200,
        tooShort: '请填写撤回原因（至少 2 个字）',
      });
      if (reason === null) return;
      await this.act(
        '正在撤回',
        () => api.proposals.withdraw({ proposalId: this.data._id, reason }),
        '已撤回',
      );
    },

    async onCoSign(e: DataEvent<{ accept?: boolean }>) {
      const accept = e.currentTarget.dataset.accept === true;
      if (!accept) {
        const sure = await wx.showModal({
          title: '谢绝联名',
          content: '确定谢绝联名这件提案吗？谢绝后不能再确认。',
          confirmText: '谢绝',
          cancelText: '取消',
        });
        if (!sure.confirm) return;
      }
      await this.act(
        accept ? '正在确认' : '正在提交',
        () => api.proposals.respondCoSign({ proposalId: this.data._id, accept }),
        accept ? '已确认联名' : '已谢绝',
      );
    },

    async onConsent(e: DataEvent<{ consent?: boolean }>) {
      const consent = e.currentTarget.dataset.consent === true;
      const sure = await wx.showModal({
        title: consent ? '同意转为社情民意' : '不同意转换',
        content: consent
          ? '同意后，本提案将转为一篇社情民意信息报送，不再作为提案办理。'
          : '不同意的，提案将退回政协办公室继续审查。',
        confirmText: consent ? '同意' : '不同意',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      await this.act(
        '正在提交',
        () => api.proposals.consentConversion({ proposalId: this.data._id, consent }),
        consent ? '已同意' : '已提交',
      );
    },

    async onDeleteDraft() {
      const sure = await wx.showModal({
        title: '删除草稿',
        content: '删除后不能恢复，确定删除这份草稿吗？',
        confirmText: '删除',
        confirmColor: '#c5221f',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      wx.showLoading({ title: '正在删除', mask: true });
      try {
        await api.proposals.deleteDraft({ proposalId: this.data._id });
        wx.hideLoading();
        const local = findDraftByServerId('proposal', this.data._id);
        if (local) removeDraft('proposal', local.clientDraftId);
        markChanged();
        showSuccess('已删除');
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        wx.hideLoading();
        showError(err);
      }
    },

    /** A rating chip: tapping the chosen optional one again clears it. */
    onRate(e: DataEvent<{ field?: RatingField; value?: Rating }>) {
      const { field, value } = e.currentTarget.dataset;
      if (!field || !value) return;
      const current = this.data.evaluation[field];
      const next = field !== 'rating' && current === value ? '' : value;
      this.setData({ [`evaluation.${field}`]: next, evaluationError: '' });
    },

    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'evaluation.comment': e.detail.value });
    },

    async onEvaluate() {
      const { rating, attitude, result, comment } = this.data.evaluation;
      if (!rating) {
        this.setData({ evaluationError: '请选择您对答复的总体评价' });
        return;
      }
      const input: Parameters<typeof api.proposals.evaluate>[0] = {
        proposalId: this.data._id,
        rating: rating as Rating,
      };
      if (attitude) input.attitude = attitude as Rating;
      if (result) input.result = result as Rating;
      if (comment.trim()) input.comment = comment.trim();
      const unsatisfied = rating === 'unsatisfied';
      const ok = await this.act(
        '正在提交',
        () => api.proposals.evaluate(input),
        unsatisfied ? '' : '评价已提交',
      );
      if (!ok) return;
      this.setData({ evaluation: { rating: '', attitude: '', result: '', comment: '' } });
      if (unsatisfied) showMessage('评价已提交。对不满意的答复，承办单位将重新办理并再次答复。');
    },
  },
});
