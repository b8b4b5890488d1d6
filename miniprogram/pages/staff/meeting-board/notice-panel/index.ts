/**
 * 回执: who was notified, by which channel, who read it and who replied; 催办未回执 reminds
 * those who have not replied (`meetings.remindUnreplied`), after a confirmation.
 */
import type { Contracts, MeetingStatus, OutputOf } from '../../../../../typings/contracts';
import { api } from '../../../../services/api';
import { showMessage } from '../../../../utils/toast';
import { withLoading } from '../../../../kit/with-loading';
import { boardPanel } from '../panel';
import { toNoticeRow, type NoticeRow } from '../view';

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
  },
  methods: {
    async fetchPart() {
      const report = await api.meetings.getNoticeReport({ meetingId: this.data.meetingId });
      return { counts: report.counts, rows: report.rows.map(toNoticeRow) };
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
