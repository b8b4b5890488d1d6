/**
 * 录入答复: a unit's reply with its class (`proposals.recordReply`). The classes offered are the
 * committee's own (settings: A–C or A–D with their labels), not constants.
 */
import type { ReplyClass } from '../../../../../typings/contracts';
import type { UiEvent } from '../../../../kit/events';
import { loadSettings } from '../../../../kit/settings';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { messageOf } from '../../../../services/errors';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';
import { PROPOSAL_LIMITS } from '../../../../generated/contract';

Component({
  behaviors: [actionPanel],
  properties: {
    unitId: { type: String, value: '' },
    unitName: { type: String, value: '' },
  },
  data: {
    maxText: PROPOSAL_LIMITS.reply,
    classesStatus: 'loading' as 'loading' | 'ready' | 'error',
    classesError: '',
    classes: [] as Array<{ value: string; label: string }>,
    replyClass: '',
    text: '',
    replyError: '',
  },
  lifetimes: {
    attached() {
      void this.loadClasses();
    },
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    async loadClasses() {
      this.setData({ classesStatus: 'loading', classesError: '' });
      try {
        const settings = await loadSettings();
        const classes = settings.proposals.replyClasses.map((c) => ({
          value: c.code,
          label: `${c.code} 类 ${c.label}`,
        }));
        this.setData({ classesStatus: 'ready', classes });
      } catch (err) {
        this.setData({ classesStatus: 'error', classesError: messageOf(err) });
      }
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
