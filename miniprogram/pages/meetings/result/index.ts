import { fontScale } from '../../../behaviors/font-scale';
import { markChanged } from '../../../kit/changes';
import { scanAndCheckIn, type CheckInOutcome } from '../../../services/checkin';
import { formatDateTime, queryValue } from '../../../utils/format';
import { checkInResultView, detailUrl, type CheckInResultView } from '../../../utils/meetings';

type Status = 'success' | 'failure' | 'checking';

const NO_RESULT = '没有收到签到结果，请重新扫码。';

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'failure' as Status,
    result: null as CheckInResultView | null,
    errorMessage: '',
    _meetingId: '',
    _requireLocation: false,
  },
  methods: {
    /** The meeting page passes the outcome in the query (see services/checkin `resultUrl`). */
    onLoad(query: Record<string, string | undefined> = {}) {
      const q = (key: string) => queryValue(query[key]);
      this.setData({ _meetingId: q('meetingId'), _requireLocation: q('loc') === '1' });
      if (q('error') || !q('at')) {
        this.setData({ status: 'failure', errorMessage: q('error') || NO_RESULT });
        return;
      }
      this.setData({
        status: 'success',
        result: {
          title: q('title'),
          session: q('session'),
          timeText: formatDateTime(q('at')),
          late: q('late') === '1',
          already: q('already') === '1',
        },
      });
    },

    show(outcome: CheckInOutcome) {
      if (!outcome.ok) {
        this.setData({ status: 'failure', result: null, errorMessage: outcome.message });
        return;
      }
      this.setData({
        status: 'success',
        errorMessage: '',
        result: checkInResultView(outcome.result),
      });
    },

    async onRescan() {
      if (this.data.status === 'checking') return;
      const before = this.data.status;
      this.setData({ status: 'checking' });
      const outcome = await scanAndCheckIn({
        meetingId: this.data._meetingId,
        requireLocation: this.data._requireLocation,
      });
      if (!outcome) {
        this.setData({ status: before });
        return;
      }
      if (outcome.ok) markChanged('meetings');
      this.show(outcome);
    },

    onBack() {
      const meetingId = this.data._meetingId;
      wx.navigateBack({ delta: 1 }).catch(() => {
        // Opened on its own (no page below): go to the meeting instead.
        if (meetingId) wx.redirectTo({ url: detailUrl(meetingId) });
      });
    },
  },
});
