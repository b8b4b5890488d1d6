/** 重点提案: marked with its supervising leader (`proposals.markKey`), then each supervision logged. */
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

    async onMarkKey() {
      const proposalId = (this.data.target as ProposalTarget).id;
      const supervisor = await askText({
        title: '列为重点提案',
        placeholder: '督办领导，如：李主席',
        confirmText: '确定',
        check: checkAt('supervisor', (text) =>
          checkInput('proposals', 'markKey', { proposalId, supervisor: text }),
        ),
      });
      if (supervisor === null) return;
      await this.run(
        '正在提交',
        () => api.proposals.markKey({ proposalId, supervisor }),
        '已列为重点提案',
      );
    },

    async onSupervise() {
      const proposalId = (this.data.target as ProposalTarget).id;
      const note = await askText({
        title: '督办记录',
        placeholder: '督办的时间、方式和情况',
        check: checkAt('note', (text) =>
          checkInput('proposals', 'addSupervision', { proposalId, note: text }),
        ),
      });
      if (note === null) return;
      await this.run(
        '正在记录',
        () => api.proposals.addSupervision({ proposalId, note }),
        '已记录',
      );
    },
  },
});
