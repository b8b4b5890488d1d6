/**
 * The board's 结束会议 dialog: asks the backend what closing would do now
 * (`meetings.previewClose`) and shows it: not yet possible (the last session has not
 * started), leave requests to decide first (decided here), or the outcome counts and who will
 * be scored absent; confirming closes the meeting. A large meeting closes as a job (twenty
 * invitees a call): the dialog shows its progress and asks the backend to go on until it is done;
 * 后台继续 leaves it to the timer.
 *
 * Events: `closed` (detail: what `meetings.close` answered), `cancel` (dismissed), `changed`
 * (a leave request was decided here, or the meeting turned out closed or unpublished: the
 * board reloads).
 */
import { fontScale } from '../../../../behaviors/font-scale';
import type { UiEvent } from '../../../../kit/events';
import { pollerOf, stopPolling } from '../../../../kit/job-poll';
import { checkInput } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { isApiCallError, messageOf } from '../../../../services/errors';
import { askText, checkAt } from '../../../../utils/prompt';
import type { JobView } from '../../../../../typings/contracts';
import {
  toCloseView,
  type ClosedDetail,
  type ClosePhase,
  type CloseView,
  type SessionRef,
} from './view';

/** Refusals of `close` that mean the preview is out of date: it is asked again. */
const STALE = ['MEETING.NOT_STARTED', 'MEETING.LEAVE_UNDECIDED', 'MEETING.NOT_PUBLISHED'];

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  properties: {
    visible: { type: Boolean, value: false },
    meetingId: { type: String, value: '' },
    /** The meeting's sessions (to name the last one). */
    sessions: { type: Array, value: [] as SessionRef[] },
  },
  data: {
    phase: 'loading' as ClosePhase,
    title: '结束会议',
    view: null as CloseView | null,
    errorMessage: '',
    /** A decision or the close itself failed: shown above the buttons. */
    actionError: '',
    /** What is being sent: a member's id (deciding leave), 'close', or ''. */
    busy: '',
    /** closing: the close job as it stands. */
    job: null as JobView | null,
    _seq: 0,
    _open: false,
  },
  lifetimes: {
    detached() {
      stopPolling(this);
    },
  },
  observers: {
    // Fires on every update the board makes: load only when the dialog opens.
    visible(visible: boolean) {
      if (visible && !this.data._open) void this.load(true);
      if (visible !== this.data._open) this.setData({ _open: visible });
    },
  },
  methods: {
    /** Asks for the preview; `fresh` shows the loading state and forgets the last error. */
    async load(fresh: boolean) {
      const seq = this.data._seq + 1;
      this.setData(
        fresh
          ? { _seq: seq, phase: 'loading', title: '结束会议', view: null, actionError: '' }
          : { _seq: seq },
      );
      try {
        const preview = await api.meetings.previewClose({ meetingId: this.data.meetingId });
        if (seq !== this.data._seq || !this.data.visible) return;
        const view = toCloseView(preview, this.data.sessions as SessionRef[]);
        this.setData({ phase: view.phase, title: view.title, view, errorMessage: '' });
        if (view.phase === 'done') this.triggerEvent('changed');
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ phase: 'error', title: '结束会议', errorMessage: messageOf(err) });
      }
    },

    onRetry() {
      return this.load(true);
    },

    onDismiss() {
      if (this.data.busy) return;
      this.setData({ _seq: this.data._seq + 1 });
      if (this.data.phase === 'closing') {
        // 后台继续: the timer finishes the close; the board shows the meeting as it now is.
        this.poller().stop();
        this.setData({ phase: 'loading', job: null });
        this.triggerEvent('changed');
      }
      this.triggerEvent('cancel');
    },

    onApprove(e: UiEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, true);
    },

    onRefuse(e: UiEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, false);
    },

    /** 批准 at once; 不批准 (the member is then absent without leave) asks for a reason first. */
    async decide(memberId: string | undefined, approve: boolean) {
      const row = this.data.view?.undecided.find((r) => r.memberId === memberId);
      if (!row || this.data.busy) return;
      let note = '';
      if (!approve) {
        const ref = { meetingId: this.data.meetingId, memberId: row.memberId, approve };
        const answer = await askText({
          title: `不批准${row.name}请假`,
          placeholder: '原因（选填），委员会收到',
          confirmText: '不批准',
          check: checkAt('note', (text) =>
            checkInput('meetings', 'decideLeave', text ? { ...ref, note: text } : ref),
          ),
        });
        if (answer === null) return;
        note = answer;
      }
      this.setData({ busy: row.memberId, actionError: '' });
      try {
        await api.meetings.decideLeave({
          meetingId: this.data.meetingId,
          memberId: row.memberId,
          approve,
          ...(note ? { note } : {}),
        });
        this.triggerEvent('changed');
        await this.load(false);
      } catch (err) {
        this.setData({ actionError: `没能提交：${messageOf(err)}` });
      } finally {
        this.setData({ busy: '' });
      }
    },

    async onConfirm() {
      if (this.data.phase !== 'ready' || this.data.busy) return;
      this.setData({ busy: 'close', actionError: '' });
      try {
        const closed = await api.meetings.close({ meetingId: this.data.meetingId });
        this.setData({ busy: '' });
        this.showClosing(closed);
      } catch (err) {
        this.setData({ busy: '', actionError: `没能结束会议：${messageOf(err)}` });
        if (isApiCallError(err) && STALE.includes(err.code)) await this.load(false);
      }
    },

    /** Done: the board gets the answer; still running: its progress, asking on. */
    showClosing(closed: ClosedDetail) {
      if (closed.job?.status !== 'running' && closed.job?.status !== 'failed') {
        this.poller().stop();
        this.setData({ job: null });
        this.triggerEvent('closed', closed);
        return;
      }
      this.setData({ phase: 'closing', title: '正在结束会议', job: closed.job });
      if (closed.job.status === 'running') this.poller().schedule();
    },

    poller() {
      return pollerOf(
        this,
        () => api.meetings.close({ meetingId: this.data.meetingId }),
        (closed) => closed.job,
        (closed) => {
          if (this.data.phase === 'closing') this.showClosing(closed);
        },
      );
    },

    onJobRetry() {
      if (this.data.job) this.setData({ job: { ...this.data.job, status: 'running' } });
      this.poller().stop();
      void this.poller().askNow();
    },
  },
});
