import type { MeetingDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { saveAndOpen } from '../../../utils/files';
import type { ClosedDetail, SessionRef } from './close-dialog/view';
import {
  decodedQuery,
  spanParts,
  meetingsChanged,
  meetingsRevision,
  STATUS_VIEW,
  type TagTheme,
} from '../../../utils/meetings';
import { askText } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  outcomeSummary,
  toBoardView,
  toLeaveRow,
  toNoticeRow,
  type BoardView,
  type LeaveRow,
  type NoticeRow,
} from './view';

export const EDIT_PAGE = '/pages/staff/meeting-edit/index';
export const CODE_PAGE = '/pages/staff/checkin-code/index';
/** The live board is asked again this often while it is on screen. */
export const BOARD_REFRESH_MS = 5000;
export const LEAVE_PAGE_SIZE = 50;

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type PartStatus = 'idle' | 'loading' | 'ready' | 'error';
type Segment = 'notice' | 'leave' | 'attendance';
type LeaveFilter = 'pending' | 'approved' | 'refused';

interface MeetingHead {
  title: string;
  kindLabel: string;
  status: MeetingDetail['status'];
  statusLabel: string;
  statusTheme: TagTheme;
  dayText: string;
  timeText: string;
  venueName: string;
  cancelReason: string;
}

interface ProxyForm {
  memberId: string;
  name: string;
  note: string;
  late: boolean;
}

const SEGMENTS: Array<{ value: Segment; label: string }> = [
  { value: 'notice', label: '回执' },
  { value: 'leave', label: '请假审批' },
  { value: 'attendance', label: '签到' },
];

const LEAVE_FILTERS: Array<{ value: LeaveFilter; label: string }> = [
  { value: 'pending', label: '待审批' },
  { value: 'approved', label: '已批准' },
  { value: 'refused', label: '未批准' },
];

/** The live board's timer, per page instance (not page data: it is not for rendering). */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

function toHead(d: MeetingDetail): MeetingHead {
  return {
    title: d.title,
    kindLabel: d.kindLabel,
    status: d.status,
    statusLabel: STATUS_VIEW[d.status].label,
    statusTheme: STATUS_VIEW[d.status].theme,
    dayText: spanParts(d.startsAt, d.endsAt).day,
    timeText: spanParts(d.startsAt, d.endsAt).time,
    venueName: d.venueName,
    cancelReason: d.status === 'cancelled' ? (d.cancelReason ?? '') : '',
  };
}

/** The session whose check-in is open now, else the next to come, else the last. */
function currentSession(d: MeetingDetail, now = Date.now()): string {
  const open = d.sessions.find(
    (s) => Date.parse(s.checkInOpensAt) <= now && now <= Date.parse(s.checkInClosesAt),
  );
  const next = d.sessions.find((s) => Date.parse(s.endsAt) >= now);
  return (open ?? next ?? d.sessions[d.sessions.length - 1])?.id ?? '';
}

function checkInOpen(d: MeetingDetail, now = Date.now()): boolean {
  return (
    d.status === 'published' &&
    d.sessions.some(
      (s) => Date.parse(s.checkInOpensAt) <= now && now <= Date.parse(s.checkInClosesAt),
    )
  );
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    canRetry: true,
    meetingId: '',
    head: null as MeetingHead | null,
    can: null as MeetingDetail['can'] | null,
    sessions: [] as SessionRef[],
    segments: SEGMENTS,
    segment: 'notice' as Segment,
    acting: false,
    /** The close dialog is open. */
    closing: false,
    /** The counts `close` answered, shown until the page is left. */
    outcomeText: '',

    noticeStatus: 'idle' as PartStatus,
    noticeError: '',
    noticeCounts: null as {
      invited: number;
      wechat: number;
      inboxOnly: number;
      read: number;
      replied: number;
    } | null,
    noticeRows: [] as NoticeRow[],

    leaveFilters: LEAVE_FILTERS,
    leaveFilter: 'pending' as LeaveFilter,
    leaveStatus: 'idle' as PartStatus,
    leaveError: '',
    leaveRows: [] as LeaveRow[],
    leaveTotal: 0,

    sessionId: '',
    boardStatus: 'idle' as PartStatus,
    boardError: '',
    board: null as BoardView | null,
    boardTime: '',

    proxy: null as ProxyForm | null,

    _visible: true,
    _revision: -1,
  },
  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const meetingId = decodedQuery(query.id);
      if (!meetingId) {
        this.setData({
          status: 'error',
          canRetry: false,
          errorMessage: '没有指定会议，请从会议管理进入。',
        });
        return undefined;
      }
      this.setData({ meetingId });
      return this.load(true);
    },

    onShow() {
      this.setData({ _visible: true });
      if (this.data.status !== 'ready') return undefined;
      if (this.data._revision !== meetingsRevision()) return this.load(false);
      if (this.data.segment === 'attendance') this.startPolling();
      return undefined;
    },

    onHide() {
      this.setData({ _visible: false });
      this.stopPolling();
    },

    onUnload() {
      this.stopPolling();
    },

    async onPullDownRefresh() {
      if (this.data.meetingId) await this.load(false);
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load(true);
    },

    /** The meeting, then the segment shown (on first load: 签到 while check-in is open). */
    async load(first: boolean) {
      if (first) this.setData({ status: 'loading' });
      this.setData({ _revision: meetingsRevision() });
      try {
        const detail = await api.meetings.get({ meetingId: this.data.meetingId });
        this.showMeeting(detail);
        const segment = first && checkInOpen(detail) ? 'attendance' : this.data.segment;
        if (first) this.setData({ sessionId: currentSession(detail) });
        await this.enter(segment);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else if (first || this.data.status !== 'ready') {
          const final = isApiCallError(err) && err.code === 'MEETING.NOT_FOUND';
          this.setData({ status: 'error', errorMessage: messageOf(err), canRetry: !final });
        } else {
          showError(err);
        }
      }
    },

    showMeeting(detail: MeetingDetail) {
      this.setData({
        status: 'ready',
        head: toHead(detail),
        can: detail.can,
        sessions: detail.sessions.map((s) => ({ id: s.id, label: s.label, startsAt: s.startsAt })),
        sessionId: this.data.sessionId || currentSession(detail),
      });
    },

    /* Segments */

    onSegment(e: DataEvent<{ value?: Segment }>) {
      const value = e.currentTarget.dataset.value;
      if (!value || value === this.data.segment) return undefined;
      return this.enter(value);
    },

    enter(segment: Segment) {
      this.stopPolling();
      this.setData({ segment });
      if (segment === 'notice') return this.loadNotice();
      if (segment === 'leave') return this.loadLeave();
      return this.loadBoard(true);
    },

    /* 回执 */

    async loadNotice() {
      this.setData({ noticeStatus: 'loading', noticeError: '' });
      try {
        const report = await api.meetings.getNoticeReport({ meetingId: this.data.meetingId });
        this.setData({
          noticeStatus: 'ready',
          noticeCounts: report.counts,
          noticeRows: report.rows.map(toNoticeRow),
        });
      } catch (err) {
        this.setData({ noticeStatus: 'error', noticeError: messageOf(err) });
      }
    },

    async onRemind() {
      if (this.data.acting) return;
      const sure = await wx.showModal({
        title: '催办未回执',
        content: '将提醒所有尚未回执的委员（同一委员每天最多提醒一次）。确定发送吗？',
        confirmText: '发送提醒',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const done = await this.busy('正在发送', () =>
        api.meetings.remindUnreplied({ meetingId: this.data.meetingId }),
      );
      if (done)
        showMessage(
          done.reminded > 0 ? `已提醒 ${done.reminded} 位委员` : '所有委员都已回执，无需提醒',
        );
    },

    /* 请假审批 */

    onLeaveFilter(e: DataEvent<{ value?: LeaveFilter }>) {
      const value = e.currentTarget.dataset.value;
      if (!value || value === this.data.leaveFilter) return undefined;
      this.setData({ leaveFilter: value });
      return this.loadLeave();
    },

    async loadLeave() {
      this.setData({ leaveStatus: 'loading', leaveError: '' });
      try {
        const result = await api.meetings.listLeaveRequests({
          meetingId: this.data.meetingId,
          status: this.data.leaveFilter,
          pageSize: LEAVE_PAGE_SIZE,
        });
        this.setData({
          leaveStatus: 'ready',
          leaveRows: result.items.map(toLeaveRow),
          leaveTotal: result.total,
        });
      } catch (err) {
        this.setData({ leaveStatus: 'error', leaveError: messageOf(err) });
      }
    },

    onApprove(e: DataEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, true);
    },

    onRefuse(e: DataEvent<{ id?: string }>) {
      return this.decide(e.currentTarget.dataset.id, false);
    },

    async decide(memberId: string | undefined, approve: boolean) {
      const row = this.data.leaveRows.find((r) => r.memberId === memberId);
      if (!row || this.data.acting) return;
      const note = await askText({
        title: approve ? `批准${row.name}请假` : `不批准${row.name}请假`,
        placeholder: approve ? '说明（选填）' : '请说明原因（选填），委员会收到',
        confirmText: approve ? '批准' : '不批准',
        minLength: 0,
      });
      if (note === null) return;
      const done = await this.busy('正在提交', () =>
        api.meetings.decideLeave({
          meetingId: this.data.meetingId,
          memberId: row.memberId,
          approve,
          ...(note ? { note } : {}),
        }),
      );
      if (!done) return;
      this.setData({
        leaveRows: this.data.leaveRows.filter((r) => r.memberId !== row.memberId),
        leaveTotal: Math.max(0, this.data.leaveTotal - 1),
      });
      showSuccess(approve ? '已批准' : '已不批准');
    },

    /* 签到 */

    onSession(e: DataEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id || id === this.data.sessionId) return undefined;
      this.setData({ sessionId: id, board: null });
      return this.loadBoard(true);
    },

    onBoardRetry() {
      return this.loadBoard(true);
    },

    /** Loads the board now; while the segment is on screen it is asked again every 5 s. */
    async loadBoard(showLoading: boolean) {
      this.stopPolling();
      if (showLoading) this.setData({ boardStatus: 'loading', boardError: '' });
      const sessionId = this.data.sessionId;
      try {
        const board = await api.meetings.getAttendance({
          meetingId: this.data.meetingId,
          ...(sessionId ? { sessionId } : {}),
        });
        if (sessionId !== this.data.sessionId) return;
        this.showBoard(board);
      } catch (err) {
        // A failed refresh keeps the last board on screen; the next one may succeed.
        if (showLoading || !this.data.board)
          this.setData({ boardStatus: 'error', boardError: messageOf(err) });
      }
      this.startPolling();
    },

    showBoard(board: Parameters<typeof toBoardView>[0]) {
      const now = new Date();
      const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
      this.setData({
        boardStatus: 'ready',
        boardError: '',
        board: toBoardView(board),
        sessionId: board.sessionId,
        boardTime: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
      });
    },

    startPolling() {
      this.stopPolling();
      if (this.data.segment !== 'attendance' || !this.data._visible) return;
      timers.set(
        this,
        setTimeout(() => {
          timers.delete(this);
          void this.loadBoard(false);
        }, BOARD_REFRESH_MS),
      );
    },

    stopPolling() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },

    onOpenCode() {
      const { meetingId, sessionId } = this.data;
      if (!sessionId) return;
      wx.navigateTo({
        url: `${CODE_PAGE}?id=${encodeURIComponent(meetingId)}&session=${encodeURIComponent(sessionId)}`,
      });
    },

    /** 代签: the dialog is the confirmation; late defaults to whether the session has begun. */
    onProxy(e: DataEvent<{ id?: string }>) {
      const row = this.data.board?.rows.find((r) => r.memberId === e.currentTarget.dataset.id);
      if (!row) return;
      const startsAt = this.data.sessions.find((s) => s.id === this.data.sessionId)?.startsAt;
      this.setData({
        proxy: {
          memberId: row.memberId,
          name: row.name,
          note: '',
          late: startsAt ? Date.now() > Date.parse(startsAt) : false,
        },
      });
    },

    onProxyNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'proxy.note': e.detail.value ?? '' });
    },

    onProxyLate(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'proxy.late': Boolean(e.detail.value) });
    },

    onProxyCancel() {
      this.setData({ proxy: null });
    },

    async onProxyConfirm() {
      const { proxy, meetingId, sessionId, acting } = this.data;
      if (!proxy || acting) return;
      const note = proxy.note.trim();
      const done = await this.busy('正在代签', () =>
        api.meetings.proxyCheckIn({
          meetingId,
          sessionId,
          memberId: proxy.memberId,
          late: proxy.late,
          ...(note ? { note } : {}),
        }),
      );
      if (!done) return;
      this.setData({ proxy: null });
      showSuccess('已代签');
      await this.loadBoard(false);
    },

    onEarly(e: DataEvent<{ id?: string; confirm?: boolean }>) {
      const { id, confirm } = e.currentTarget.dataset;
      return this.decideEarly(id, confirm === true);
    },

    async decideEarly(memberId: string | undefined, confirm: boolean) {
      const row = this.data.board?.early.find((r) => r.memberId === memberId);
      if (!row || this.data.acting) return;
      const sure = await wx.showModal({
        title: confirm ? '同意早退' : '不同意早退',
        content: confirm ? `同意${row.name}提前离会？将记为早退。` : `不同意${row.name}提前离会？`,
        confirmText: confirm ? '同意' : '不同意',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      this.setData({ acting: true });
      try {
        const board = await api.meetings.confirmLeaveEarly({
          meetingId: this.data.meetingId,
          sessionId: this.data.sessionId,
          memberId: row.memberId,
          confirm,
        });
        this.showBoard(board);
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ acting: false });
      }
    },

    /* The meeting itself */

    onEdit() {
      wx.navigateTo({ url: `${EDIT_PAGE}?id=${encodeURIComponent(this.data.meetingId)}` });
    },

    async onCancelMeeting() {
      if (this.data.acting) return;
      const reason = await askText({
        title: '取消会议',
        placeholder: '请填写取消原因，将通知全部受邀委员',
        confirmText: '取消会议',
        minLength: 2,
        tooShort: '请填写取消原因（至少 2 个字）',
      });
      if (reason === null) return;
      await this.act('正在取消', () =>
        api.meetings.cancel({ meetingId: this.data.meetingId, reason }),
      );
      if (this.data.head?.status === 'cancelled') showSuccess('会议已取消');
    },

    /** 结束会议: the dialog (close-dialog/) shows what closing does, and closes. */
    onClose() {
      if (!this.data.acting) this.setData({ closing: true });
    },

    onCloseCancel() {
      this.setData({ closing: false });
    },

    /** Leave was decided in the dialog, or the meeting changed meanwhile. */
    onCloseChanged() {
      return this.load(false);
    },

    async onClosed(e: WechatMiniprogram.CustomEvent<ClosedDetail>) {
      const closed = e.detail;
      const text = `${outcomeSummary(closed.outcomes)}（按场次计，单位：人次）`;
      this.setData({ closing: false, outcomeText: text });
      await this.applied(closed);
      showMessage(`出勤结果：${text}`, '会议已结束');
    },

    async onReopen() {
      if (this.data.acting) return;
      const reason = await askText({
        title: '重新开启会议',
        placeholder: '请填写原因，例如：补录代签',
        confirmText: '重新开启',
        minLength: 2,
        tooShort: '请填写重新开启的原因（至少 2 个字）',
      });
      if (reason === null) return;
      await this.act('正在开启', () =>
        api.meetings.reopen({ meetingId: this.data.meetingId, reason }),
      );
      if (this.data.head?.status === 'published') {
        this.setData({ outcomeText: '' });
        showSuccess('已重新开启');
      }
    },

    /** Runs a change of the meeting and shows the meeting as it answered. */
    async act<T extends MeetingDetail>(title: string, run: () => Promise<T>): Promise<T | null> {
      const detail = await this.busy(title, run);
      if (detail) await this.applied(detail);
      return detail;
    },

    /** Runs one call with the page busy (a loading toast, buttons off); shows a failure. */
    async busy<T>(title: string, run: () => Promise<T>): Promise<T | null> {
      this.setData({ acting: true });
      wx.showLoading({ title, mask: true });
      try {
        const result = await run();
        wx.hideLoading();
        return result;
      } catch (err) {
        wx.hideLoading();
        showError(err);
        return null;
      } finally {
        this.setData({ acting: false });
      }
    },

    /** Shows the meeting as a change answered it, and tells the other meeting pages. */
    async applied(detail: MeetingDetail) {
      meetingsChanged();
      this.setData({ _revision: meetingsRevision() });
      this.showMeeting(detail);
      await this.enter(this.data.segment);
    },

    async onExport() {
      if (this.data.acting) return;
      const opened = await this.busy('正在导出', async () => {
        const file = await api.meetings.exportAttendance({ meetingId: this.data.meetingId });
        return saveAndOpen(file.fileName, file.contentBase64).then(
          () => true,
          () => false,
        );
      });
      if (opened === false) showMessage('签到表已导出，但本机无法打开该文件，请稍后重试');
    },
  },
});
