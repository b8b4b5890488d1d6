/**
 * One opinion report, read-only: head, text (and the author's original when edited), the
 * decision, forwards upward, leaders' instructions, feedback and the timeline. The author's
 * detail page and the office's handling page both show it.
 */
import { PROPOSAL_DETAIL_PAGE, pageUrl } from '../../utils/proposals';
import type { OpinionView } from './view';

Component({
  properties: {
    /** The report to show (`toOpinionView`); nothing is shown while null. Default null. */
    opinion: { type: Object, value: null as OpinionView | null },
  },
  data: {
    originalOpen: false,
  },
  methods: {
    onToggleOriginal() {
      this.setData({ originalOpen: !this.data.originalOpen });
    },

    onOpenProposal() {
      const id = (this.data.opinion as OpinionView | null)?.fromProposalId;
      if (id) wx.navigateTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, id) });
    },
  },
});
