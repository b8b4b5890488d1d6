/** 重点提案: marked with its supervising leader (`proposals.markKey`), then each supervision logged. */
import { api } from '../../../../services/api';
import { askText } from '../../../../utils/prompt';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';

Component({
  behaviors: [actionPanel],
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    async onMarkKey() {
      const supervisor = await askText({
        title: '列为重点提案',
        placeholder: '督办领导，如：李主席',
        confirmText: '确定',
        minLength: 2,
        maxLength: 30,
        tooShort: '请填写督办领导（至少 2 个字）',
      });
      if (supervisor === null) return;
      const proposalId = (this.data.target as ProposalTarget).id;
      await this.run(
        '正在提交',
        () => api.proposals.markKey({ proposalId, supervisor }),
        '已列为重点提案',
      );
    },

    async onSupervise() {
      const note = await askText({
        title: '督办记录',
        placeholder: '督办的时间、方式和情况',
        minLength: 2,
        maxLength: 1000,
        tooShort: '请填写督办情况（至少 2 个字）',
      });
      if (note === null) return;
      const proposalId = (this.data.target as ProposalTarget).id;
      await this.run(
        '正在记录',
        () => api.proposals.addSupervision({ proposalId, note }),
        '已记录',
      );
    },
  },
});
