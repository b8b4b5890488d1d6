/**
 * 提案办理: the proposal as the office sees it, with one panel per staff action: review
 * (立案, 不予立案, 建议转社情民意), merge (并案), assign (交办), the assigned units' reply and
 * objection, deadline extension, and key-proposal supervision.
 */
import type { ProposalDetail } from '../../../../typings/contracts';
import { toProposalView } from '../../../components/proposal-view/view';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { pageUrl, PROPOSAL_DETAIL_PAGE, PROPOSAL_HANDLE_PAGE } from '../../../utils/proposals';
import { PROPOSAL_DOMAIN, toTarget, type ProposalTarget } from './domain';
import { handlingPage, type Domain } from './handling';

Component({
  behaviors: [fontScale, handlingPage],
  options: { pureDataPattern: /^_/ },
  data: {
    linkPage: PROPOSAL_HANDLE_PAGE,
    view: null as ReturnType<typeof toProposalView> | null,
    proposalStatus: '',
    canReview: false,
    target: null as ProposalTarget | null,
    /** The unit whose reply is being recorded or reviewed. */
    replyUnit: { unitId: '', name: '' },
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    get(id: string): Promise<ProposalDetail> {
      return api.proposals.get({ proposalId: id });
    },

    present(p: ProposalDetail) {
      return {
        view: toProposalView(p),
        proposalStatus: p.status,
        canReview: p.can.review,
        target: toTarget(p),
      };
    },

    /** 代录 waiting: the proposal page has 代委员确认. */
    onOpenDetail() {
      wx.navigateTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, this.data._id) });
    },

    onOpenReply(e: WechatMiniprogram.CustomEvent<{ unitId: string; name: string }>) {
      this.setData({ panel: 'reply', replyUnit: e.detail });
    },

    /** 审核答复: the reply a unit sent in online. */
    onOpenReview(e: WechatMiniprogram.CustomEvent<{ unitId: string; name: string }>) {
      this.setData({ panel: 'review', replyUnit: e.detail });
    },
  },
});
