/**
 * 回执: who was notified, by which channel (微信, 短信, 仅站内), who read it and who replied; 催办未回执 reminds
 * those who have not replied (`meetings.remindUnreplied`), after a confirmation. While the
 * notice is still going out (a job: 50 invitees a batch), the panel shows its progress and asks
 * the backend to go on (`meetings.sendNotices`), then shows the receipts once it is done.
 */
import type { Contracts, JobView, MeetingStatus, OutputOf } from '../../../../../typings/contracts';
import { api } from '../../../../services/api';
import { showMessage } from '../../../../utils/toast';
import type { ValueEvent } from '../../../../kit/events';
import { pollerOf, stopPolling } from '../../../../kit/job-poll';
import { withLoading } from '../../../../kit/with-loading';
import { boardPanel } from '../panel';
import { filterRows, NOTICE_FILTERS, toNoticeRow, type NoticeRow } from '../view';

type NoticeCounts = OutputOf<Contracts['meetings']['getNoticeReport']>['counts'];

Component({
  behaviors: [boardPanel],
  options: { pureDataPattern: /^_/ },
  properties: {
    /** The meeting's status: 催办 only once published; a draft has notified nobody. */
    meetingStatus: { type: String, value: 'draft' as MeetingStatus },
  },
  data: {
    counts: null as NoticeCounts | null,
    rows: [] as NoticeRow[],
    job: null as JobView | null,
    filter: 'all',
    filterChips: [] as Array<{ value: string; label: string; count: number }>,
    shown: [] as NoticeRow[],
  },
  lifetimes: {
    detached() {
      stopPolling(this);
    },
  },
  methods: {
    async fetchPart() {
      const report = await api.meetings.getNoticeReport({ meetingId: this.data.meetingId });
      if (report.job?.status === 'running') this.poller().schedule();
      else this.poller().stop();
      const rows = report.rows.map(toNoticeRow);
      return {
        counts: report.counts,
        rows,
        job: report.job,
        ...filterRows(rows, NOTICE_FILTERS, this.data.filter),
      };
    },

    /** While the notice goes out, asks the backend to go on; the receipts once it is done. */
    poller() {
      return pollerOf(
        this,
        () => api.meetings.sendNotices({ meetingId: this.data.meetingId }),
        (job) => job,
        async (job) => {
          this.setData({ job });
          if (job?.status === 'done') await this.loadPart({ quiet: true });
        },
      );
    },

    onFilter(e: ValueEvent<string>) {
      this.setData(filterRows(this.data.rows, NOTICE_FILTERS, e.detail.value));
    },

    onJobRetry() {
      if (this.data.job) this.setData({ job: { ...this.data.job, status: 'running' } });
      this.poller().stop();
      void this.poller().askNow();
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
      this.setData({ acting: true });
      const done = await withLoading('正在发送', () =>
        api.meetings.remindUnreplied({ meetingId: this.data.meetingId }),
      );
      this.setData({ acting: false });
      if (done)
        showMessage(
          done.reminded > 0 ? `已提醒 ${done.reminded} 位委员` : '所有委员都已回执，无需提醒',
        );
    },
  },
});
