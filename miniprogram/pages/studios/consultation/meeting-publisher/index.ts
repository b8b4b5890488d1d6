import type { UiEvent } from '../../../../kit/events';
import { checkInput, firstError } from '../../../../kit/validate';
import { beijingInstant } from '../../../../utils/meetings';

/** The day before `date` (YYYY-MM-DD), for the default reply deadline. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10);
}

const FIELDS = ['start', 'end', 'replyDate', 'replyTime'];

/**
 * 发布为会议 on a planned consultation: the time on the log's day and the reply deadline. It holds
 * the times only; `publish` goes up with the checked input (`studios.publishMeeting`), and the
 * page sends it. The server checks again (the day, a time already past).
 */
Component({
  properties: {
    consultationId: { type: String, value: '' },
    version: { type: Number, value: 0 },
    /** The log's day: the meeting is held on it. */
    date: { type: String, value: '' },
    busy: { type: Boolean, value: false },
  },
  data: {
    open: false,
    start: '09:00',
    end: '11:00',
    replyDate: '',
    replyTime: '18:00',
    error: '',
  },
  observers: {
    date(date: string) {
      if (date) this.setData({ replyDate: dayBefore(date) });
    },
  },
  methods: {
    onOpen() {
      this.setData({ open: true, error: '' });
    },

    onCancel() {
      this.setData({ open: false, error: '' });
    },

    onPick(e: UiEvent<{ field?: string }, { value: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field && FIELDS.includes(field)) this.setData({ [field]: e.detail.value, error: '' });
    },

    onPublish() {
      const { consultationId, version, date, start, end, replyDate, replyTime } = this.data;
      const input = {
        consultationId,
        version,
        startsAt: beijingInstant(date, start) ?? '',
        endsAt: beijingInstant(date, end) ?? '',
        replyDeadline: beijingInstant(replyDate, replyTime) ?? '',
      };
      const error = firstError(checkInput('studios', 'publishMeeting', input));
      this.setData({ error: error ?? '' });
      if (!error) this.triggerEvent('publish', input);
    },
  },
});
