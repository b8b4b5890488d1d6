/**
 * 审核答复: a reply a unit wrote online and sent to the office (after the co-handlers' 会签):
 * approved, it is recorded as the unit's reply with the class the office settles on (the unit's
 * own proposal by default); returned, the unit revises it by the note (`proposals.reviewReply`).
 */
import type { ReplyClass } from '../../../../../typings/contracts';
import type { UiEvent } from '../../../../kit/events';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { openFile } from '../../../../services/files';
import { showError } from '../../../../utils/toast';
import { PROPOSAL_DOMAIN, type ProposalTarget, type TargetUnit } from '../domain';
import { actionPanel, type Domain } from '../handling';
import { replyClassChoices } from '../reply-classes';

Component({
  behaviors: [actionPanel, replyClassChoices],
  properties: {
    unitId: { type: String, value: '' },
  },
  data: {
    unit: null as TargetUnit | null,
    replyClass: '',
    note: '',
    reviewError: '',
  },
  observers: {
    'target, unitId'(target: ProposalTarget, unitId: string) {
      const unit = target?.units?.find((u) => u.unitId === unitId) ?? null;
      this.setData({ unit, replyClass: unit?.draft?.replyClass ?? '', reviewError: '' });
    },
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    onReplyClass(e: UiEvent<object, { value: string }>) {
      this.setData({ replyClass: e.detail.value, reviewError: '' });
    },

    onNote(e: UiEvent<object, { value: string }>) {
      this.setData({ note: e.detail.value, reviewError: '' });
    },

    onOpenLetter() {
      const letter = this.data.unit?.draft?.letter;
      if (letter) openFile(letter).catch(showError);
    },

    input(approve: boolean) {
      const note = this.data.note.trim();
      const input = {
        proposalId: (this.data.target as ProposalTarget).id,
        unitId: this.data.unitId,
        approve,
        replyClass: this.data.replyClass as ReplyClass,
        ...(note ? { note } : {}),
      };
      const problem =
        firstError(checkInput('proposals', 'reviewReply', input)) ??
        (!approve && !note ? '退回时请写明修改意见' : null);
      if (problem) {
        this.setData({ reviewError: problem });
        return null;
      }
      return input;
    },

    async onApprove() {
      const input = this.input(true);
      if (input)
        await this.run('正在审核', () => api.proposals.reviewReply(input), '已通过，答复已录入');
    },

    async onReturn() {
      const input = this.input(false);
      if (input)
        await this.run('正在退回', () => api.proposals.reviewReply(input), '已退回承办单位');
    },
  },
});
