/**
 * 签到: the live board of one session (asked again every 5 s while it is on screen), the door
 * code, 代签 for an absent member (the dialog is the confirmation) and the office's answer to
 * an early departure.
 *
 * Events: `session` (detail `{ value }`: the session shown, kept by the board).
 */
import type { AttendanceBoard } from '../../../../../typings/contracts';
import { fontScale } from '../../../../behaviors/font-scale';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { api } from '../../../../services/api';
import { showError, showSuccess } from '../../../../utils/toast';
import { withLoading } from '../../../../kit/with-loading';
import type { SessionRef } from '../close-dialog/view';
import { boardPanel } from '../panel';
import { ATTENDANCE_FILTERS, clockText, filterRows, toBoardView, type BoardView } from '../view';
import { MEETING_LIMITS } from '../../../../generated/contract';

export const CODE_PAGE = '/pages/staff/checkin-code/index';
/** The live board is asked again this often while it is on screen. */
export const BOARD_REFRESH_MS = 5000;

interface ProxyForm {
  memberId: string;
  name: string;
  note: string;
  late: boolean;
}

/** The live board's timer, per panel instance (not data: it is not for rendering). */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

Component({
  behaviors: [fontScale, boardPanel],
  options: { pureDataPattern: /^_/ },
  properties: {
    sessions: { type: Array, value: [] as SessionRef[] },
    /** The session to show first. */
    sessionId: { type: String, value: '' },
    /** Published: the code, 代签 and early answers are offered. */
    published: { type: Boolean, value: false },
    /** The board is on screen: only then is it asked again. */
    live: { type: Boolean, value: true },
  },
  data: {
    maxNote: MEETING_LIMITS.note,
    sessionChips: [] as Array<{ value: string; label: string }>,
    current: '',
    board: null as BoardView | null,
    boardTime: '',
    filter: 'all',
    filterChips: [] as Array<{ value: string; label: string; count: number }>,
    shown: [] as BoardView['rows'],
    proxy: null as ProxyForm | null,
  },
  observers: {
    sessions(sessions: SessionRef[]) {
      this.setData({ sessionChips: sessions.map((s) => ({ value: s.id, label: s.label })) });
    },
    live(live: boolean) {
      if (live) this.startPolling();
      else this.stopPolling();
    },
  },
  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },
  methods: {
    /** Loads the board now; while the panel is on screen it is asked again every 5 s. */
    async fetchPart() {
      this.stopPolling();
      const sessionId = this.data.current || this.data.sessionId;
      try {
        const board = await api.meetings.getAttendance({
          meetingId: this.data.meetingId,
          ...(sessionId ? { sessionId } : {}),
        });
        return this.boardData(board);
      } finally {
        this.startPolling();
      }
    },

    boardData(board: AttendanceBoard) {
      const view = toBoardView(board);
      return {
        board: view,
        current: board.sessionId,
        boardTime: clockText(),
        ...filterRows(view.rows, ATTENDANCE_FILTERS, this.data.filter),
      };
    },

    onFilter(e: ValueEvent<string>) {
      this.setData(filterRows(this.data.board?.rows ?? [], ATTENDANCE_FILTERS, e.detail.value));
    },

    startPolling() {
      this.stopPolling();
      if (!this.data.live) return;
      timers.set(
        this,
        setTimeout(() => {
          timers.delete(this);
          void this.loadPart({ quiet: true });
        }, BOARD_REFRESH_MS),
      );
    },

    stopPolling() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },

    onSession(e: UiEvent<object, { value: string }>) {
      const value = e.detail.value;
      this.setData({ current: value, board: null });
      this.triggerEvent('session', { value });
      return this.loadPart();
    },

    onOpenCode() {
      const { meetingId, current } = this.data;
      if (!current) return;
      wx.navigateTo({
        url: `${CODE_PAGE}?id=${encodeURIComponent(meetingId)}&session=${encodeURIComponent(current)}`,
      });
    },

    /** 代签: late defaults to whether the session has begun. */
    onProxy(e: UiEvent<{ id?: string }>) {
      const row = this.data.board?.rows.find((r) => r.memberId === e.currentTarget.dataset.id);
      if (!row) return;
      const sessions = this.data.sessions as SessionRef[];
      const startsAt = sessions.find((s) => s.id === this.data.current)?.startsAt;
      this.setData({
        proxy: {
          memberId: row.memberId,
          name: row.name,
          note: '',
          late: startsAt ? Date.now() > Date.parse(startsAt) : false,
        },
      });
    },

    onProxyNote(e: ValueEvent) {
      this.setData({ 'proxy.note': e.detail.value ?? '' });
    },

    onProxyLate(e: ValueEvent<boolean>) {
      this.setData({ 'proxy.late': Boolean(e.detail.value) });
    },

    onProxyCancel() {
      this.setData({ proxy: null });
    },

    async onProxyConfirm() {
      const { proxy, meetingId, current, acting } = this.data;
      if (!proxy || acting) return;
      const note = proxy.note.trim();
      this.setData({ acting: true });
      const done = await withLoading('正在代签', () =>
        api.meetings.proxyCheckIn({
          meetingId,
          sessionId: current,
          memberId: proxy.memberId,
          late: proxy.late,
          ...(note ? { note } : {}),
        }),
      );
      this.setData({ acting: false });
      if (!done) return;
      this.setData({ proxy: null });
      showSuccess('已代签');
      await this.loadPart({ quiet: true });
    },

    async onEarly(e: UiEvent<{ id?: string; confirm?: boolean }>) {
      const { id, confirm } = e.currentTarget.dataset;
      const row = this.data.board?.early.find((r) => r.memberId === id);
      if (!row || this.data.acting) return;
      const yes = confirm === true;
      const sure = await wx.showModal({
        title: yes ? '同意早退' : '不同意早退',
        content: yes ? `同意${row.name}提前离会？将记为早退。` : `不同意${row.name}提前离会？`,
        confirmText: yes ? '同意' : '不同意',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      this.setData({ acting: true });
      try {
        const board = await api.meetings.confirmLeaveEarly({
          meetingId: this.data.meetingId,
          sessionId: this.data.current,
          memberId: row.memberId,
          confirm: yes,
        });
        this.setData(this.boardData(board));
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ acting: false });
      }
    },
  },
});
