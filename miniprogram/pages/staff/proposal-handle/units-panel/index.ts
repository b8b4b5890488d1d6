/**
 * 办理 an accepted proposal: 交办 (opens the assign panel), and for the assigned units 录入答复
 * (opens the reply panel), 记录异议 (`proposals.recordObjection`) and 延期
 * (`proposals.extendDeadline`).
 */
import type { UiEvent } from '../../../../kit/events';
import { api } from '../../../../services/api';
import { askText } from '../../../../utils/prompt';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';

const EXTEND_CHOICES = [15, 30, 60, 90];

Component({
  behaviors: [actionPanel],
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    proposalId(): string {
      return (this.data.target as ProposalTarget).id;
    },

    onOpenAssign() {
      this.triggerEvent('open', { panel: 'assign' });
    },

    onOpenReply(e: UiEvent<{ id?: string; name?: string }>) {
      const { id = '', name = '' } = e.currentTarget.dataset;
      this.triggerEvent('reply', { unitId: id, name });
    },

    async onObjection(e: UiEvent<{ id?: string; name?: string }>) {
      const { id: unitId, name = '' } = e.currentTarget.dataset;
      if (!unitId) return;
      const reason = await askText({
        title: `${name}的异议`,
        placeholder: '承办单位提出的理由',
        minLength: 2,
        maxLength: 300,
        tooShort: '请填写异议理由（至少 2 个字）',
      });
      if (reason === null) return;
      const proposalId = this.proposalId();
      await this.run(
        '正在记录',
        () => api.proposals.recordObjection({ proposalId, unitId, reason }),
        '已记录异议',
      );
    },

    async onExtend() {
      let index: number;
      try {
        const res = await wx.showActionSheet({
          itemList: EXTEND_CHOICES.map((d) => `延期 ${d} 天`),
        });
        index = res.tapIndex;
      } catch {
        return; // cancelled
      }
      const days = EXTEND_CHOICES[index];
      if (!days) return;
      const reason = await askText({
        title: `延期 ${days} 天的理由`,
        placeholder: '如：需跨部门协调',
        minLength: 2,
        maxLength: 200,
        tooShort: '请填写延期理由（至少 2 个字）',
      });
      if (reason === null) return;
      const proposalId = this.proposalId();
      await this.run(
        '正在延期',
        () => api.proposals.extendDeadline({ proposalId, days, reason }),
        '已延期',
      );
    },
  },
});
