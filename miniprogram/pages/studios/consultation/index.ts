import type {
  ConsultationDetail,
  Contracts,
  InputOf,
  OutcomeDraftKind,
} from '../../../../typings/contracts';
import { STUDIO_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import { openById } from '../../../kit/navigate';
import type { UiEvent } from '../../../kit/events';
import { checkInput } from '../../../kit/validate';
import { withLoading } from '../../../kit/with-loading';
import { api } from '../../../services/api';
import { openFile } from '../../../services/files';
import { newClientDraftId, rememberDraftId } from '../../../utils/drafts';
import { formatDateTime } from '../../../utils/format';
import { detailUrl, formatSpan } from '../../../utils/meetings';
import { askText, checkAt, confirmAction } from '../../../utils/prompt';
import { showError, showSuccess } from '../../../utils/toast';

type PublishMeetingInput = InputOf<Contracts['studios']['publishMeeting']>;

const EDITORS: Record<OutcomeDraftKind, string> = {
  proposal: '/pages/proposals/edit/index',
  opinion: '/pages/opinions/edit/index',
};

/** Follow-ups with their time as members read it, and its meeting's time. */
function shown(c: ConsultationDetail) {
  return {
    c: {
      ...c,
      outcomes: c.outcomes.map((o) => ({
        ...o,
        followUps: o.followUps.map((f) => ({ ...f, at: formatDateTime(f.at) })),
      })),
    },
    meetingTime: c.meeting ? formatSpan(c.meeting.startsAt, c.meeting.endsAt) : '',
  };
}

/**
 * A consultation log: who took part, the issues, each agreed outcome with its unit, deadline,
 * follow-ups and the proposals or reports made from it; the log's next step (held, follow up,
 * close with the feedback to residents, reopen, delete) for the studio's workers, and a draft
 * from an outcome for the members who were there.
 */
Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _notFoundCode: 'STUDIO.CONSULTATION_NOT_FOUND',
    c: null as ConsultationDetail | null,
    meetingTime: '',
    publishing: false,
  },
  methods: {
    async fetchItem(consultationId: string) {
      return shown(await api.studios.getConsultation({ consultationId }));
    },

    watch(): ChangeTopic[] {
      return ['studios', 'proposals', 'opinions', 'meetings'];
    },

    /** One step of the log under the loading toast, then the log as it is now. */
    async step(work: () => Promise<ConsultationDetail>, done: string) {
      const c = await withLoading('正在提交', work);
      if (!c) return;
      markChanged('studios');
      showSuccess(done);
      this.setData(shown(c));
    },

    async onPublishMeeting(e: WechatMiniprogram.CustomEvent<PublishMeetingInput>) {
      if (!this.data.c?.can.publishMeeting || this.data.publishing) return;
      this.setData({ publishing: true });
      try {
        await this.step(() => api.studios.publishMeeting(e.detail), '已发布会议通知');
        markChanged('meetings');
      } finally {
        this.setData({ publishing: false });
      }
    },

    onMeeting() {
      const meeting = this.data.c?.meeting;
      if (!meeting) return;
      if (meeting.status === 'publishing') showError('会议通知正在发布，请稍后下拉刷新');
      else wx.navigateTo({ url: detailUrl(meeting.id) });
    },

    onEdit() {
      const c = this.data.c;
      if (c?.can.edit)
        wx.navigateTo({
          url: `/pages/studios/consultation-edit/index?studioId=${c.studioId}&id=${c.id}`,
        });
    },

    async onHold() {
      const c = this.data.c;
      if (!c?.can.hold) return;
      const ok = await confirmAction({
        title: '登记已召开',
        content: '登记后主持委员和参加的委员将获得履职积分。请先确认参加人员已填写完整。',
        confirmText: '登记',
      });
      if (ok)
        await this.step(
          () => api.studios.holdConsultation({ consultationId: c.id, version: c.version }),
          '已登记召开',
        );
    },

    async onFollowUp(e: UiEvent<{ id?: string }>) {
      const c = this.data.c;
      const outcomeId = e.currentTarget.dataset.id;
      if (!c?.can.followUp || !outcomeId) return;
      const sheet = await wx
        .showActionSheet({ itemList: ['登记跟进情况', '登记并标为已落实'] })
        .catch(() => null);
      if (!sheet) return;
      const base = { consultationId: c.id, outcomeId, done: sheet.tapIndex === 1 };
      const text = await askText({
        title: base.done ? '落实情况' : '跟进情况',
        placeholder: '例如：街道已完成意愿统计',
        confirmText: '登记',
        maxLength: STUDIO_LIMITS.followUp,
        check: checkAt('text', (text) => checkInput('studios', 'addFollowUp', { ...base, text })),
      });
      if (text) await this.step(() => api.studios.addFollowUp({ ...base, text }), '已登记');
    },

    async onClose() {
      const c = this.data.c;
      if (!c?.can.close) return;
      const base = { consultationId: c.id, version: c.version };
      const feedback = await askText({
        title: '向群众反馈',
        placeholder: '协商结果和落实情况，群众在诉求进展里看得到',
        confirmText: '办结',
        maxLength: STUDIO_LIMITS.feedback,
        check: checkAt('feedback', (feedback) =>
          checkInput('studios', 'closeConsultation', { ...base, feedback }),
        ),
      });
      if (feedback)
        await this.step(() => api.studios.closeConsultation({ ...base, feedback }), '已办结');
    },

    async onReopen() {
      const c = this.data.c;
      if (c?.can.reopen)
        await this.step(
          () => api.studios.reopenConsultation({ consultationId: c.id, version: c.version }),
          '已重新打开',
        );
    },

    async onDelete() {
      const c = this.data.c;
      if (!c?.can.delete) return;
      const ok = await confirmAction({
        title: '删除协商活动',
        content: `删除后记录不能恢复，由此获得的履职积分将扣回，纳入的群众诉求重新等待处理。${
          c.meeting && c.meeting.status !== 'cancelled' && c.meeting.status !== 'closed'
            ? '已发布的会议将取消并通知参会委员。'
            : ''
        }确定删除吗？`,
        confirmText: '删除',
        destructive: true,
      });
      if (!ok) return;
      const done = await withLoading('正在删除', () =>
        api.studios.deleteConsultation({ consultationId: c.id }),
      );
      if (!done) return;
      markChanged('studios');
      showSuccess('已删除');
      wx.navigateBack().catch(() => undefined);
    },

    async onDraft(e: UiEvent<{ id?: string; kind?: OutcomeDraftKind }>) {
      const c = this.data.c;
      const { id: outcomeId, kind } = e.currentTarget.dataset;
      if (!c?.can.draft || !outcomeId || !kind) return;
      const started = await withLoading('正在生成草稿', () =>
        api.studios.startDraft({
          consultationId: c.id,
          outcomeId,
          kind,
          clientDraftId: newClientDraftId(),
        }),
      );
      if (!started) return;
      // The editor goes on with the draft under the phone's id it was made with.
      rememberDraftId(kind, started.draftId, started.clientDraftId);
      markChanged('studios', kind === 'proposal' ? 'proposals' : 'opinions');
      wx.navigateTo({ url: `${EDITORS[kind]}?id=${started.draftId}` });
    },

    onFile(e: UiEvent<{ index?: number; sheet?: boolean }>) {
      const c = this.data.c;
      const { index = -1, sheet } = e.currentTarget.dataset;
      const file = sheet ? c?.signInSheet : c?.photos[index];
      if (file) openFile(file).catch(showError);
    },

    onMatter(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/matter/index');
    },
  },
});
