/**
 * 停用 / 启用 on the member page: says what it means, asks for the reason and confirms
 * (`members.setActive`). It is the confirmation before 停用: nothing is sent until its red button.
 * Events: `done` (detail: `{ entry }`), `close`.
 */
import { fontScale } from '../../../../behaviors/font-scale';
import { MEMBER_LIMITS } from '../../../../generated/contract';
import type { ValueEvent } from '../../../../kit/events';
import { checkInput } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { messageOf } from '../../../../services/errors';

Component({
  behaviors: [fontScale],
  properties: {
    visible: { type: Boolean, value: false },
    memberId: { type: String, value: '' },
    name: { type: String, value: '' },
    /** true: 启用 (reactivate); false: 停用. */
    toActive: { type: Boolean, value: false },
  },
  data: {
    limits: MEMBER_LIMITS,
    reason: '',
    error: '',
    busy: false,
  },
  observers: {
    visible(visible: boolean) {
      if (visible) this.setData({ reason: '', error: '', busy: false });
    },
  },
  methods: {
    onReason(e: ValueEvent) {
      this.setData({ reason: e.detail.value ?? '', error: '' });
    },

    onCancel() {
      if (!this.data.busy) this.triggerEvent('close');
    },

    async onConfirm() {
      const { memberId, toActive, busy } = this.data;
      if (busy) return;
      const input = { memberId, active: toActive, reason: this.data.reason.trim() };
      const problem = checkInput('members', 'setActive', input).reason;
      if (problem) {
        this.setData({ error: problem });
        return;
      }
      this.setData({ busy: true, error: '' });
      try {
        const entry = await api.members.setActive(input);
        this.setData({ busy: false });
        this.triggerEvent('done', { entry });
      } catch (err) {
        this.setData({ busy: false, error: messageOf(err) });
      }
    },
  },
});
