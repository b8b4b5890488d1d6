/**
 * 录入答复: a unit's reply with its class (`proposals.recordReply`). The classes offered are the
 * committee's own (settings: A–C or A–D with their labels), not constants.
 */
import type { ReplyClass } from '../../../../../typings/contracts';
import type { UiEvent } from '../../../../kit/events';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';
import { replyClassChoices } from '../reply-classes';
import { PROPOSAL_LIMITS } from '../../../../generated/contract';

Component({
  behaviors: [actionPanel, replyClassChoices],
  properties: {
    unitId: { type: String, value: '' },
    unitName: { type: String, value: '' },
  },
  data: {
    maxText: PROPOSAL_LIMITS.reply,
    replyClass: '',
    text: '',
    replyError: '',
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    onReplyClass(e: UiEvent<object, { value: string }>) {
      this.setData({ replyClass: e.detail.value, replyError: '' });
    },

    onReplyText(e: UiEvent<object, { value: string }>) {
      this.setData({ text: e.detail.value, replyError: '' });
    },

    async onRecordReply() {
      const { replyClass, unitId } = this.data;
      if (!replyClass) {
        this.setData({ replyError: '请选择答复类别' });
        return;
      }
      const proposalId = (this.data.target as ProposalTarget).id;
      const input = {
        proposalId,
        unitId,
        replyClass: replyClass as ReplyClass,
        text: this.data.text.trim(),
      };
      const problem = firstError(checkInput('proposals', 'recordReply', input));
      if (problem) {
        this.setData({ replyError: problem });
        return;
      }
      await this.run('正在录入', () => api.proposals.recordReply(input), '已录入答复');
    },
  },
});
