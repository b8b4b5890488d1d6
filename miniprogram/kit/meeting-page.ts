import type { MeetingDetail } from '../../typings/contracts';
import { api } from '../services/api';
import { finalMessageOf } from '../utils/meetings';
import { markChanged, type ChangeTopic } from './changes';
import { resourcePage } from './resource-page';
import { queryValue } from '../utils/format';

/**
 * A resource page about one meeting, opened as `?id=<meetingId>`: the member's detail page and
 * the office's board. It loads `meetings.get` and reloads on return after a meeting changed.
 * A missing id, or a refusal a retry cannot change (the page's `_finalCodes`), is said in
 * `finalMessage`, shown instead of page-state, with no 重新加载.
 *
 * The page supplies data `_missingText` and `_finalCodes`, and `fromDetail(detail)`: the data to
 * set once the meeting arrived.
 */
interface Hooks {
  fromDetail(detail: MeetingDetail): WechatMiniprogram.IAnyObject;
}

const WATCH: readonly ChangeTopic[] = ['meetings'];

export const meetingPage = Behavior({
  behaviors: [resourcePage],
  data: {
    finalMessage: '',
    meetingId: '',
    _missingText: '没有指定会议。',
    _finalCodes: ['MEETING.NOT_FOUND'] as string[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const meetingId = queryValue(query.id);
      if (!meetingId) {
        this.setData({ finalMessage: this.data._missingText });
        return undefined;
      }
      this.setData({ meetingId });
      return this.reload();
    },

    watch() {
      return WATCH;
    },

    async fetch() {
      try {
        const detail = await api.meetings.get({ meetingId: this.data.meetingId });
        return (this as unknown as Hooks).fromDetail.call(this, detail);
      } catch (err) {
        this.setData({ finalMessage: finalMessageOf(err, this.data._finalCodes) });
        throw err;
      }
    },

    /** This page changed a meeting: the other meeting pages reload when shown, this one not. */
    noteChanged() {
      markChanged('meetings');
      this.setData({ _changes: this.changesNow() });
    },

    /** Shows the meeting as a change of this page answered it. */
    applied(detail: MeetingDetail) {
      this.setData((this as unknown as Hooks).fromDetail.call(this, detail));
      this.noteChanged();
    },
  },
});
