/**
 * 会议工作台: one meeting for the office. The page shows the meeting and its actions (edit,
 * export, close, re-open, cancel); one panel per task shows the rest: 回执 (notice-panel/),
 * 请假审批 (leave-panel/) and 签到 (attendance-panel/), and 结束会议 its dialog (close-dialog/).
 */
import type { MeetingDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent } from '../../../kit/events';
import { meetingPage } from '../../../kit/meeting-page';
import { api } from '../../../services/api';
import { saveAndOpen } from '../../../utils/files';
import { checkInput } from '../../../kit/validate';
import { askText, checkAt, type AskTextOptions } from '../../../utils/prompt';
import { showMessage, showSuccess } from '../../../utils/toast';
import { withLoading } from '../../../kit/with-loading';
import type { ClosedDetail, SessionRef } from './close-dialog/view';
import { checkInOpen, currentSession, outcomeSummary, toHead, type MeetingHead } from './view';

export const EDIT_PAGE = '/pages/staff/meeting-edit/index';

type Segment = 'notice' | 'leave' | 'attendance';

const SEGMENTS: Array<{ value: Segment; label: string }> = [
  { value: 'notice', label: '回执' },
  { value: 'leave', label: '请假审批' },
  { value: 'attendance', label: '签到' },
];

/** A change that needs a reason: the dialog, and the action whose contract checks the reason. */
type ReasonPrompt = AskTextOptions & { action: 'cancel' | 'reopen' };

const CANCEL_PROMPT: ReasonPrompt = {
  action: 'cancel',
  title: '取消会议',
  placeholder: '请填写取消原因，将通知全部受邀委员',
  confirmText: '取消会议',
};

const REOPEN_PROMPT: ReasonPrompt = {
  action: 'reopen',
  title: '重新开启会议',
  placeholder: '请填写原因，例如：补录代签',
  confirmText: '重新开启',
};

Component({
  behaviors: [fontScale, meetingPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _missingText: '没有指定会议，请从会议管理进入。',
    head: null as MeetingHead | null,
    can: null as MeetingDetail['can'] | null,
    sessions: [] as SessionRef[],
    segments: SEGMENTS,
    segment: 'notice' as Segment,
    /** The session the 签到 panel shows. */
    sessionId: '',
    /** Bumped whenever the meeting was loaded or changed: the panel shown loads again. */
    version: 0,
    /** The page is on screen (the live board polls only then). */
    visible: true,
    acting: false,
    /** The close dialog is open. */
    closing: false,
    /** The counts `close` answered, shown until the page is left. */
    outcomeText: '',
  },
  methods: {
    /** The meeting; on first load the segment is 签到 while check-in is open. */
    fromDetail(detail: MeetingDetail) {
      const first = this.data.head === null;
      return {
        ...this.meetingData(detail),
        ...(first && checkInOpen(detail) ? { segment: 'attendance' } : {}),
      };
    },

    meetingData(detail: MeetingDetail) {
      return {
        head: toHead(detail),
        can: detail.can,
        sessions: detail.sessions.map((s) => ({ id: s.id, label: s.label, startsAt: s.startsAt })),
        sessionId: this.data.sessionId || currentSession(detail),
        version: this.data.version + 1,
      };
    },

    onShow() {
      this.setData({ visible: true });
      const seen = this.data._changes;
      if (seen !== -1 && seen !== this.changesNow()) return this.reload({ quiet: true });
      return undefined;
    },

    onHide() {
      this.setData({ visible: false });
    },

    onUnload() {
      this.setData({ visible: false });
    },

    onSegment(e: UiEvent<object, { value: Segment }>) {
      this.setData({ segment: e.detail.value });
    },

    onSession(e: UiEvent<object, { value: string }>) {
      this.setData({ sessionId: e.detail.value });
    },

    /** A panel changed something other pages show (a leave decision). */
    onPanelChanged() {
      this.noteChanged();
    },

    /* The meeting itself */

    onEdit() {
      wx.navigateTo({ url: `${EDIT_PAGE}?id=${encodeURIComponent(this.data.meetingId)}` });
    },

    async onCancelMeeting() {
      const { meetingId } = this.data;
      const done = await this.actWithReason(CANCEL_PROMPT, '正在取消', (reason) =>
        api.meetings.cancel({ meetingId, reason }),
      );
      if (done && this.data.head?.status === 'cancelled') showSuccess('会议已取消');
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
      this.onPanelChanged();
      return this.reload({ quiet: true });
    },

    onClosed(e: WechatMiniprogram.CustomEvent<ClosedDetail>) {
      const closed = e.detail;
      const text = `${outcomeSummary(closed.outcomes)}（按场次计，单位：人次）`;
      this.setData({ closing: false, outcomeText: text });
      this.applied(closed);
      showMessage(`出勤结果：${text}`, '会议已结束');
    },

    async onReopen() {
      const { meetingId } = this.data;
      const done = await this.actWithReason(REOPEN_PROMPT, '正在开启', (reason) =>
        api.meetings.reopen({ meetingId, reason }),
      );
      if (done && this.data.head?.status === 'published') {
        this.setData({ outcomeText: '' });
        showSuccess('已重新开启');
      }
    },

    /** Asks for the reason a change needs, then runs it; false when cancelled or refused. */
    async actWithReason(
      { action, ...prompt }: ReasonPrompt,
      title: string,
      run: (reason: string) => Promise<MeetingDetail>,
    ): Promise<boolean> {
      if (this.data.acting) return false;
      const { meetingId } = this.data;
      const reason = await askText({
        ...prompt,
        check: checkAt('reason', (text) =>
          checkInput('meetings', action, { meetingId, reason: text }),
        ),
      });
      if (reason === null) return false;
      return this.act(title, () => run(reason));
    },

    /** Runs a change of the meeting (buttons off) and shows the meeting as it answered. */
    async act(title: string, run: () => Promise<MeetingDetail>): Promise<boolean> {
      this.setData({ acting: true });
      const detail = await withLoading(title, run);
      this.setData({ acting: false });
      if (detail) this.applied(detail);
      return detail !== null;
    },

    async onExport() {
      if (this.data.acting) return;
      this.setData({ acting: true });
      const opened = await withLoading('正在导出', async () => {
        const file = await api.meetings.exportAttendance({ meetingId: this.data.meetingId });
        return saveAndOpen(file.fileName, file.contentBase64).then(
          () => true,
          () => false,
        );
      });
      this.setData({ acting: false });
      if (opened === false) showMessage('签到表已导出，但本机无法打开该文件，请稍后重试');
    },
  },
});
