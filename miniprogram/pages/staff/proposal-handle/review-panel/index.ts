/**
 * 审查 a submitted proposal: 立案 (after confirmation), 不予立案 and 建议转社情民意 (each with a
 * reason told to the proposer), each sending the version shown; 并案 opens the merge panel.
 */
import { api } from '../../../../services/api';
import { checkInput } from '../../../../kit/validate';
import { askText, checkAt } from '../../../../utils/prompt';
import { actionPanel, type Domain } from '../handling';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';

Component({
  behaviors: [actionPanel],
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    target(): ProposalTarget {
      return this.data.target as ProposalTarget;
    },

    async onAccept() {
      const { id: proposalId, version, title } = this.target();
      const sure = await wx.showModal({
        title: '立案',
        content: `确定将「${title}」立案吗？立案后将按顺序编号，并通知提案人。`,
        confirmText: '立案',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      await this.run('正在立案', () => api.proposals.accept({ proposalId, version }), '已立案');
    },

    async onReject() {
      const { id: proposalId, version } = this.target();
      const reason = await askText({
        title: '不予立案的理由',
        placeholder: '将告知提案人',
        confirmText: '不予立案',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'reject', { proposalId, version, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.run(
        '正在提交',
        () => api.proposals.reject({ proposalId, version, reason }),
        '已不予立案',
      );
    },

    async onProposeConversion() {
      const { id: proposalId, version } = this.target();
      const reason = await askText({
        title: '建议转为社情民意',
        placeholder: '理由，将请提案人同意',
        confirmText: '发送',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'proposeConversion', { proposalId, version, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.run(
        '正在提交',
        () => api.proposals.proposeConversion({ proposalId, version, reason }),
        '已征求提案人意见',
      );
    },

    onOpenMerge() {
      this.triggerEvent('open', { panel: 'merge' });
    },
  },
});
