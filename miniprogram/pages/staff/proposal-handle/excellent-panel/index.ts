/**
 * 优秀提案: the office names an answered proposal outstanding for its year
 * (`proposals.markExcellent`, after a confirmation), or takes the mark back with a reason
 * (`proposals.unmarkExcellent`); the authors' points follow on the ledger.
 */
import { api } from '../../../../services/api';
import { checkInput } from '../../../../kit/validate';
import { askText, checkAt } from '../../../../utils/prompt';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';

Component({
  behaviors: [actionPanel],
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    async onMark() {
      const { id: proposalId, version, title } = this.data.target as ProposalTarget;
      const { confirm } = await wx.showModal({
        title: '评为优秀提案',
        content: `确定将《${title}》评为本年度优秀提案吗？提案人和联名人将按履职积分办法计分。`,
        confirmText: '评为优秀',
        cancelText: '取消',
      });
      if (!confirm) return;
      await this.run(
        '正在提交',
        () => api.proposals.markExcellent({ proposalId, version }),
        '已评为优秀提案',
      );
    },

    async onUnmark() {
      const { id: proposalId, version } = this.data.target as ProposalTarget;
      const reason = await askText({
        title: '撤销优秀提案',
        placeholder: '撤销的原因（将记入办理过程）',
        confirmText: '撤销',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'unmarkExcellent', { proposalId, version, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.run(
        '正在提交',
        () => api.proposals.unmarkExcellent({ proposalId, version, reason }),
        '已撤销',
      );
    },
  },
});
