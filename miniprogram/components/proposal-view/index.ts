/**
 * One proposal, read-only: head, co-signers, text, review outcome, links to merged and
 * converted items, handling (units, deadline, replies, key-proposal supervision, evaluations)
 * and the timeline. The member's detail page and the office's handling page both show it.
 */
import { OPINION_DETAIL_PAGE, PROPOSAL_DETAIL_PAGE, pageUrl } from '../../utils/proposals';
import type { ProposalView } from './view';

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  properties: {
    /** The proposal to show (`toProposalView`); nothing is shown while null. Default null. */
    proposal: { type: Object, value: null as ProposalView | null },
    /** The page a linked proposal opens in. Default: the member's detail page. */
    linkPage: { type: String, value: PROPOSAL_DETAIL_PAGE },
  },
  methods: {
    onOpenProposal(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(this.data.linkPage, id) });
    },

    onOpenOpinion(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(OPINION_DETAIL_PAGE, id) });
    },
  },
});
