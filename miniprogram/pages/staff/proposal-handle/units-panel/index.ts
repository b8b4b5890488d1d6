/**
 * 办理 an accepted proposal: 交办 (opens the assign panel), and for the assigned units 录入答复
 * (opens the reply panel), 记录异议 (`proposals.recordObjection`) and 延期
 * (`proposals.extendDeadline`, within the settings' longest handling time); where a unit works
 * online, where its work stands, 审核答复 (opens the review panel) and its extension request.
 */
import type { UiEvent } from '../../../../kit/events';
import { loadSettings } from '../../../../kit/settings';
import { checkInput } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { askText, checkAt } from '../../../../utils/prompt';
import { showError, showMessage } from '../../../../utils/toast';
import { extendChoices, noExtensionLeft, rehandlingHint, type ExtendChoice } from '../deadlines';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';

Component({
  behaviors: [actionPanel],
  data: {
    /** While handled again: how long the units have (settings), '' until known. */
    rehandlingHint: '',
  },
  lifetimes: {
    attached() {
      loadSettings().then(
        (settings) => this.setData({ rehandlingHint: rehandlingHint(settings.proposals) }),
        () => undefined, // only a hint: the actions still work without it
      );
    },
  },
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

    onOpenReview(e: UiEvent<{ id?: string; name?: string }>) {
      const { id = '', name = '' } = e.currentTarget.dataset;
      this.triggerEvent('review', { unitId: id, name });
    },

    /** A unit's extension request: 同意 (the deadline moves) or 不同意 with the reason. */
    async onDecideExtension(e: UiEvent<{ approve?: boolean }>) {
      const approve = e.currentTarget.dataset.approve === true;
      const proposalId = this.proposalId();
      let note = '';
      if (!approve) {
        const asked = await askText({
          title: '不同意延期的理由',
          placeholder: '如：请按原期限答复',
          check: checkAt('note', (text) =>
            text
              ? checkInput('proposals', 'decideExtension', { proposalId, approve, note: text })
              : { note: '请写明理由' },
          ),
        });
        if (asked === null) return;
        note = asked;
      }
      await this.run(
        '正在处理',
        () => api.proposals.decideExtension({ proposalId, approve, ...(note ? { note } : {}) }),
        approve ? '已同意延期' : '已答复申请',
      );
    },

    async onObjection(e: UiEvent<{ id?: string; name?: string }>) {
      const { id: unitId, name = '' } = e.currentTarget.dataset;
      if (!unitId) return;
      const proposalId = this.proposalId();
      const reason = await askText({
        title: `${name}的异议`,
        placeholder: '承办单位提出的理由',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'recordObjection', { proposalId, unitId, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.run(
        '正在记录',
        () => api.proposals.recordObjection({ proposalId, unitId, reason }),
        '已记录异议',
      );
    },

    /** The extensions the settings and the contract allow now; null when settings failed. */
    async extensions(): Promise<{ choices: ExtendChoice[]; none: string } | null> {
      try {
        const { proposals: rules } = await loadSettings();
        const proposalId = this.proposalId();
        const allowed = (days: number) =>
          !checkInput('proposals', 'extendDeadline', { proposalId, days, reason: '' }).days;
        const target = this.data.target as ProposalTarget;
        return { choices: extendChoices(target, rules, allowed), none: noExtensionLeft(rules) };
      } catch (err) {
        showError(err);
        return null;
      }
    },

    async onExtend() {
      const offer = await this.extensions();
      if (!offer) return;
      if (offer.choices.length === 0) {
        showMessage(offer.none);
        return;
      }
      let index: number;
      try {
        const res = await wx.showActionSheet({ itemList: offer.choices.map((c) => c.label) });
        index = res.tapIndex;
      } catch {
        return; // cancelled
      }
      const choice = offer.choices[index];
      if (!choice) return;
      const { days } = choice;
      const proposalId = this.proposalId();
      const reason = await askText({
        title: `延期 ${days} 天的理由`,
        placeholder: '如：需跨部门协调',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'extendDeadline', { proposalId, days, reason: text }),
        ),
      });
      if (reason === null) return;
      await this.run(
        '正在延期',
        () => api.proposals.extendDeadline({ proposalId, days, reason }),
        '已延期',
      );
    },
  },
});
