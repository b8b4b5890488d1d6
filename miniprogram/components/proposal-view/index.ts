/**
 * One proposal, read-only: head, co-signers, text, review outcome, links to merged and
 * converted items, handling (units, deadline, replies, key-proposal supervision, evaluations)
 * and the timeline. The member's detail page and the office's handling page both show it.
 */
import type { UiEvent } from '../../kit/events';
import { fileMessageOf, openFile } from '../../services/files';
import { showMessage } from '../../utils/toast';
import { OPINION_DETAIL_PAGE, PROPOSAL_DETAIL_PAGE, pageUrl } from '../../utils/proposals';
import type { ProposalView } from './view';

Component({
  properties: {
    /** The proposal to show (`toProposalView`); nothing is shown while null. Default null. */
    proposal: { type: Object, value: null as ProposalView | null },
    /** The page a linked proposal opens in. Default: the member's detail page. */
    linkPage: { type: String, value: PROPOSAL_DETAIL_PAGE },
  },
  methods: {
    onOpenProposal(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(this.data.linkPage, id) });
    },

    /** An attachment, from cloud storage or the local runtime (services/files.ts). */
    async onOpenAttachment(e: UiEvent<{ index?: number }>) {
      const proposal = this.data.proposal as ProposalView | null;
      const file = proposal?.attachments[e.currentTarget.dataset.index ?? -1];
      if (!file) return;
      wx.showLoading({ title: '正在打开', mask: true });
      try {
        await openFile(file);
        wx.hideLoading();
      } catch (err) {
        wx.hideLoading();
        const message = fileMessageOf(err, '附件打开失败，请稍后重试');
        if (message) showMessage(message);
      }
    },

    onOpenOpinion(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(OPINION_DETAIL_PAGE, id) });
    },
  },
});
