import type { ProposalDetail } from '../../../../typings/contracts';
import { toProposalView, type ProposalView } from '../../../components/proposal-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import { askEntryDecision } from '../../../kit/entry-confirm';
import type { UiEvent } from '../../../kit/events';
import { checkInput, firstError } from '../../../kit/validate';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { findDraftByServerId, removeDraft } from '../../../utils/drafts';
import { askText, confirmAction } from '../../../utils/prompt';
import { pageUrl, PROPOSAL_EDIT_PAGE } from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import type { EvaluationInput } from './evaluation-panel/index';

type Can = ProposalDetail['can'];

const NOTHING: Can = {
  edit: false,
  submit: false,
  withdraw: false,
  coSign: false,
  review: false,
  consentConvert: false,
  evaluate: false,
  confirmEntry: false,
};

/** Refusals that mean the proposal moved on meanwhile (deadline passed, someone decided). */
const STALE_CODES = ['STORE.CONFLICT', 'PROPOSAL.WRONG_STATE', 'PROPOSAL.COSIGN_CLOSED'];

/** A conversion makes an opinion report: the member's opinion list changes too. */
const TOPICS: ChangeTopic[] = ['proposals', 'opinions'];

function present(detail: ProposalDetail, myId = '') {
  return {
    view: toProposalView(detail),
    can: detail.can,
    // 代录: the member confirms their own; the office confirms for a member without a phone.
    entryByOffice: detail.can.confirmEntry && detail.leadId !== myId,
  };
}

Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    view: null as ProposalView | null,
    can: NOTHING,
    entryByOffice: false,
    busy: false,
    _notFoundCode: 'PROPOSAL.NOT_FOUND',
    _myId: '',
  },
  methods: {
    async fetchItem(id: string): Promise<WechatMiniprogram.IAnyObject> {
      const [detail, me] = await Promise.all([
        api.proposals.get({ proposalId: id }),
        loadMyProfile().catch(() => null),
      ]);
      return { ...present(detail, me?.id), _myId: me?.id ?? '' };
    },

    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    /** One member action: the server's answer replaces the page; a refusal is explained. */
    async act(title: string, call: () => Promise<ProposalDetail>, done: string) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      wx.showLoading({ title, mask: true });
      try {
        const detail = await call();
        wx.hideLoading();
        markChanged(...TOPICS);
        this.setData({ ...present(detail, this.data._myId), _changes: this.changesNow() });
        if (done) showSuccess(done);
        return true;
      } catch (err) {
        wx.hideLoading();
        showError(err);
        // Show the proposal as it now is.
        if (isApiCallError(err) && STALE_CODES.includes(err.code)) await this.reload();
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
      });
      if (reason === null) return;
      const proposalId = this.data._id;
      const problem = firstError(checkInput('proposals', 'withdraw', { proposalId, reason }));
      if (problem) {
        showMessage(problem);
        return;
      }
      await this.act('正在撤回', () => api.proposals.withdraw({ proposalId, reason }), '已撤回');
    },

    async onCoSign(e: UiEvent<{ accept?: boolean }>) {
      const accept = e.currentTarget.dataset.accept === true;
      const sure =
        accept ||
        (await confirmAction({
          title: '谢绝联名',
          content: '确定谢绝联名这件提案吗？谢绝后不能再确认。',
          confirmText: '谢绝',
        }));
      if (!sure) return;
      await this.act(
        accept ? '正在确认' : '正在提交',
        () => api.proposals.respondCoSign({ proposalId: this.data._id, accept }),
        accept ? '已确认联名' : '已谢绝',
      );
    },

    async onConsent(e: UiEvent<{ consent?: boolean }>) {
      const consent = e.currentTarget.dataset.consent === true;
      const sure = await confirmAction({
        title: consent ? '同意转为社情民意' : '不同意转换',
        content: consent
          ? '同意后，本提案将转为一篇社情民意信息报送，不再作为提案办理。'
          : '不同意的，提案将退回政协办公室继续审查。',
        confirmText: consent ? '同意' : '不同意',
      });
      if (!sure) return;
      await this.act(
        '正在提交',
        () => api.proposals.consentConversion({ proposalId: this.data._id, consent }),
        consent ? '已同意' : '已提交',
      );
    },

    /**
     * 代录: the member confirms (no question) or sends it back saying why; the office confirms
     * for a member without a phone, saying how the member agreed.
     */
    async onConfirmEntry(e: UiEvent<object, { accept: boolean }>) {
      const decision = await askEntryDecision(e.detail.accept, this.data.entryByOffice, {
        noun: '这件提案',
        verb: '提交',
        confirmContent: '这件提案将以您的名义提交，进入联名确认或审查。',
      });
      if (!decision) return;
      const { accept } = decision;
      const input = { proposalId: this.data._id, ...decision };
      const problem = firstError(checkInput('proposals', 'confirmEntry', input));
      if (problem) {
        showMessage(problem);
        return;
      }
      await this.act(
        '正在提交',
        () => api.proposals.confirmEntry(input),
        accept ? '已确认提交' : '已退回',
      );
    },

    async onDeleteDraft() {
      const sure = await confirmAction({
        title: '删除草稿',
        content: '删除后不能恢复，确定删除这份草稿吗？',
        confirmText: '删除',
        destructive: true,
      });
      if (!sure) return;
      wx.showLoading({ title: '正在删除', mask: true });
      try {
        await api.proposals.deleteDraft({ proposalId: this.data._id });
        wx.hideLoading();
        const local = findDraftByServerId('proposal', this.data._id);
        if (local) removeDraft('proposal', local.clientDraftId);
        markChanged('proposals');
        showSuccess('已删除');
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        wx.hideLoading();
        showError(err);
      }
    },

    async onEvaluate(e: UiEvent<object, { input: EvaluationInput }>) {
      const { input } = e.detail;
      const unsatisfied = input.rating === 'unsatisfied';
      const ok = await this.act(
        '正在提交',
        () => api.proposals.evaluate(input),
        unsatisfied ? '' : '评价已提交',
      );
      if (ok && unsatisfied) {
        showMessage('评价已提交。对不满意的答复，承办单位将重新办理并再次答复。');
      }
    },
  },
});
