/**
 * 请假审批: the meeting's leave requests by status (the contract's labels), and 批准 /
 * 不批准 for a pending one (`meetings.decideLeave`), each with an optional note.
 */
import type { LeaveStatus } from '../../../../../typings/contracts';
import { LEAVE_STATUS_LABELS } from '../../../../generated/contract';
import type { UiEvent } from '../../../../kit/events';
import { checkInput } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { askText, checkAt } from '../../../../utils/prompt';
import { showSuccess } from '../../../../utils/toast';
import { withLoading } from '../../../../kit/with-loading';
import { boardPanel } from '../panel';
import { toLeaveRow, type LeaveRow } from '../view';

/** The board lists one page this long; a decided row leaves the pending list. */
export const LEAVE_PAGE_SIZE = 50;

const FILTERS = (Object.keys(LEAVE_STATUS_LABELS) as LeaveStatus[]).map((value) => ({
  value,
  label: LEAVE_STATUS_LABELS[value],
}));

Component({
  behaviors: [boardPanel],
  options: { pureDataPattern: /^_/ },
  data: {
    filters: FILTERS,
    filter: 'pending' as LeaveStatus,
    rows: [] as LeaveRow[],
    total: 0,
  },
  methods: {
    async fetchPart() {
      const result = await api.meetings.listLeaveRequests({
        meetingId: this.data.meetingId,
        status: this.data.filter,
        pageSize: LEAVE_PAGE_SIZE,
      });
      return { rows: result.items.map(toLeaveRow), total: result.total };
    },

    onFilter(e: UiEvent<object, { value: LeaveStatus }>) {
      this.setData({ filter: e.detail.value });
      return this.loadPart();
    },

    onApprove(e: UiEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, true);
    },

    onRefuse(e: UiEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, false);
    },

    async decide(memberId: string | undefined, approve: boolean) {
      const row = this.data.rows.find((r) => r.memberId === memberId);
      if (!row || this.data.acting) return;
      const decision = { meetingId: this.data.meetingId, memberId: row.memberId, approve };
      const note = await askText({
        title: approve ? `批准${row.name}请假` : `不批准${row.name}请假`,
        placeholder: approve ? '说明（选填）' : '请说明原因（选填），委员会收到',
        confirmText: approve ? '批准' : '不批准',
        // The note is optional: an empty one is left out, as the request leaves it out.
        check: checkAt('note', (text) =>
          checkInput('meetings', 'decideLeave', text ? { ...decision, note: text } : decision),
        ),
      });
      if (note === null) return;
      this.setData({ acting: true });
      const done = await withLoading('正在提交', () =>
        api.meetings.decideLeave({
          meetingId: this.data.meetingId,
          memberId: row.memberId,
          approve,
          ...(note ? { note } : {}),
        }),
      );
      this.setData({ acting: false });
      if (!done) return;
      this.setData({
        rows: this.data.rows.filter((r) => r.memberId !== row.memberId),
        total: Math.max(0, this.data.total - 1),
      });
      this.triggerEvent('changed');
      showSuccess(approve ? '已批准' : '已不批准');
    },
  },
});
