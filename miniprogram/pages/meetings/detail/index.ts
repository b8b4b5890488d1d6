import type { InputOf, Contracts, MeetingDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { checkInput } from '../../../kit/validate';
import { meetingPage } from '../../../kit/meeting-page';
import { api } from '../../../services/api';
import { resultUrl, scanAndCheckIn } from '../../../services/checkin';
import { fileMessageOf, openFile } from '../../../services/files';
import {
  ASK_FOR,
  askSubscriptions,
  prefetchSubscribeTemplates,
  type SubscribeOutcome,
} from '../../../services/subscribe';
import { askText, checkAt } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { toDetailView, type DetailView } from './view';

type ReplyInput = Omit<InputOf<Contracts['meetings']['reply']>, 'meetingId'>;

Component({
  behaviors: [fontScale, meetingPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _missingText: '没有指定会议，请从会议列表进入。',
    /** Refusals that a second try cannot change. */
    _finalCodes: ['MEETING.NOT_FOUND', 'MEETING.NOT_INVITED'],
    view: null as DetailView | null,
    can: null as MeetingDetail['can'] | null,
    busy: false,
    /** After a reply that subscribed: how many meeting reminders are left. */
    reminderText: '',
    _venue: null as MeetingDetail['venue'] | null,
  },
  methods: {
    fromDetail(detail: MeetingDetail) {
      // Ready before the tap: the platform wants the subscription request inside it.
      if (detail.can.reply || detail.can.askLeave) void prefetchSubscribeTemplates();
      return { view: toDetailView(detail), can: detail.can, _venue: detail.venue };
    },

    async onAttend() {
      if (this.data.busy || !this.data.can?.reply) return;
      this.setData({ busy: true });
      const asked = await askSubscriptions(ASK_FOR.attend);
      await this.reply({ answer: 'attend' }, '已回执：参加');
      return this.showReminders(asked);
    },

    async onLeave() {
      if (this.data.busy || !this.data.can?.askLeave) return;
      this.setData({ busy: true });
      const asked = await askSubscriptions(ASK_FOR.leave);
      const { meetingId } = this.data;
      const reason = await askText({
        title: '请假事由',
        placeholder: '例如：出差在外，无法参会',
        confirmText: '提交请假',
        check: checkAt('reason', (text) =>
          checkInput('meetings', 'reply', { meetingId, answer: 'leave', reason: text }),
        ),
      });
      if (reason === null) {
        this.setData({ busy: false });
        return this.showReminders(asked);
      }
      await this.reply({ answer: 'leave', reason }, '已提交请假');
      return this.showReminders(asked);
    },

    /** What the backend counted after the subscription report, when the member accepted. */
    async showReminders(asked: SubscribeOutcome) {
      if (asked.answers.meetingNotice !== 'accept') return;
      const left = (await asked.remaining)?.meetingNotice;
      if (typeof left === 'number' && left > 0)
        this.setData({ reminderText: `会议通知提醒已开启：还可提醒 ${left} 次` });
    },

    async reply(input: ReplyInput, done: string) {
      this.setData({ busy: true });
      wx.showLoading({ title: '正在提交', mask: true });
      try {
        const detail = await api.meetings.reply({ meetingId: this.data.meetingId, ...input });
        wx.hideLoading();
        this.applied(detail);
        showSuccess(done);
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },

    async onCheckIn() {
      const { busy, can, view, meetingId } = this.data;
      if (busy || !can?.checkIn || !view) return;
      this.setData({ busy: true });
      const target = { meetingId, requireLocation: view.requireLocation };
      try {
        const outcome = await scanAndCheckIn(target);
        if (!outcome) return;
        if (outcome.ok) markChanged('meetings');
        wx.navigateTo({ url: resultUrl(target, outcome) });
      } finally {
        this.setData({ busy: false });
      }
    },

    async onLeaveEarly() {
      const { busy, can, meetingId } = this.data;
      const sessionId = can?.requestLeaveEarly;
      if (busy || !sessionId) return;
      const reason = await askText({
        title: '申请早退',
        placeholder: '请说明需要提前离会的原因',
        confirmText: '提交申请',
        check: checkAt('reason', (text) =>
          checkInput('meetings', 'requestLeaveEarly', { meetingId, sessionId, reason: text }),
        ),
      });
      if (reason === null) return;
      this.setData({ busy: true });
      wx.showLoading({ title: '正在提交', mask: true });
      try {
        const detail = await api.meetings.requestLeaveEarly({ meetingId, sessionId, reason });
        wx.hideLoading();
        this.applied(detail);
        showMessage('早退申请已提交，请等候工作人员确认。');
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },

    onOpenLocation() {
      const venue = this.data._venue;
      if (!venue || venue.latitude === null || venue.longitude === null) return;
      wx.openLocation({
        latitude: venue.latitude,
        longitude: venue.longitude,
        name: venue.name,
        address: venue.address ?? '',
        scale: 16,
      }).catch(() => showMessage('无法打开地图，请稍后重试'));
    },

    async onMaterial(e: UiEvent<{ index?: number }>) {
      const material = this.data.view?.materials[e.currentTarget.dataset.index ?? -1];
      if (!material) return;
      wx.showLoading({ title: '正在打开', mask: true });
      try {
        // From cloud storage or the local runtime, by the file's id; no share menu.
        await openFile(material);
        wx.hideLoading();
      } catch (err) {
        wx.hideLoading();
        const message = fileMessageOf(err, '材料打开失败，请稍后重试');
        if (message) showMessage(message);
      }
    },
  },
});
