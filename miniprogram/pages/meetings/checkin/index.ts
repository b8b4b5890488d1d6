/**
 * 扫码签到: the page the door code opens, from WeChat's own camera (扫一扫) or from a scan
 * inside the app. It reads the code from `options.scene` (a mini-program code), `options.q`
 * (the 扫普通链接二维码 link) or `options.pass` (back from binding), then:
 *
 * 1. asks the server what the code opens while it is fresh, and gets a 10-minute pass;
 * 2. if this WeChat account is not bound, sends the member to bind and back (with the pass);
 * 3. checks in; when the meeting has a geofence and asks for the position, reads it and tries
 *    again with it (so a member who is not invited or already checked in is never asked);
 * 4. shows the outcome in large type, each failure on its own screen (view.ts).
 */
import type { CheckInPass, CheckInResult } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { api } from '../../../services/api';
import {
  CHECKIN_PAGE,
  launchCode,
  readPosition,
  scanDoorCode,
  type Position,
} from '../../../services/checkin';
import { isApiCallError, messageOf } from '../../../services/errors';
import { checkInResultView, detailUrl, type CheckInResultView } from '../../../utils/meetings';
import { failureOf, positionFailure, type FailureView } from './view';

const HOME = '/pages/home/index';
const BIND = '/pages/bind/index';

type Status = 'idle' | 'checking' | 'locating' | 'bind' | 'success' | 'failure';

interface MeetingView {
  title: string;
  session: string;
  venue: string;
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'idle' as Status,
    meeting: null as MeetingView | null,
    result: null as CheckInResultView | null,
    failure: null as FailureView | null,
    /** What was scanned, until the server turned it into a pass. */
    _code: '',
    _pass: '',
    _meetingId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const code = launchCode(query);
      if (!code) return undefined;
      return this.begin(code);
    },

    /** A code was read: from it, the meeting and a pass; then binding or checking in. */
    async begin(code: string) {
      this.setData({ status: 'checking', _code: code, _pass: '', failure: null, result: null });
      let opened: CheckInPass;
      try {
        opened = await api.meetings.resolveCheckInCode({ code });
      } catch (err) {
        this.fail(err);
        return;
      }
      this.setData({
        _pass: opened.pass,
        _meetingId: opened.meetingId,
        meeting: {
          title: opened.meetingTitle,
          session: opened.sessionLabel,
          venue: opened.venueName,
        },
      });
      if (!opened.bound) {
        this.setData({ status: 'bind' });
        return;
      }
      await this.checkIn();
    },

    async checkIn(location?: Position) {
      this.setData({ status: 'checking' });
      try {
        const result = await api.meetings.checkIn({
          token: this.data._pass,
          ...(location ? { location } : {}),
        });
        this.succeed(result);
      } catch (err) {
        if (isApiCallError(err) && err.code === 'CHECKIN.LOCATION_REQUIRED' && !location) {
          await this.locateAndCheckIn();
          return;
        }
        this.fail(err);
      }
    },

    async locateAndCheckIn() {
      this.setData({ status: 'locating', failure: null });
      const read = await readPosition();
      if (!read.ok) {
        this.setData({ status: 'failure', failure: positionFailure(read.reason) });
        return;
      }
      await this.checkIn(read.position);
    },

    succeed(r: CheckInResult) {
      markChanged('meetings');
      this.setData({
        status: 'success',
        _meetingId: r.meetingId,
        failure: null,
        result: checkInResultView(r),
      });
    },

    fail(err: unknown) {
      const code = isApiCallError(err) ? err.code : 'SYSTEM.UNAVAILABLE';
      if (code === 'AUTH.NOT_BOUND' && this.data._pass) {
        this.setData({ status: 'bind' });
        return;
      }
      this.setData({ status: 'failure', failure: failureOf(code, messageOf(err)) });
    },

    /** To the binding page, which brings the member back here with the pass. */
    onBind() {
      const back = `${CHECKIN_PAGE}?pass=${encodeURIComponent(this.data._pass)}`;
      wx.redirectTo({ url: `${BIND}?next=${encodeURIComponent(back)}` });
    },

    async onRescan() {
      if (this.data.status === 'checking' || this.data.status === 'locating') return;
      const code = await scanDoorCode();
      if (code) await this.begin(code);
    },

    /** Once more with what the page has: the pass if it got one, else the scanned code. */
    onRetry() {
      const code = this.data._pass || this.data._code;
      if (!code) return this.onRescan();
      return this.begin(code);
    },

    onRelocate() {
      if (!this.data._pass) return this.onRescan();
      return this.locateAndCheckIn();
    },

    onOpenSetting() {
      wx.openSetting({});
    },

    onViewMeeting() {
      const id = this.data._meetingId;
      if (id) wx.redirectTo({ url: detailUrl(id) });
      else this.onHome();
    },

    onHome() {
      wx.switchTab({ url: HOME });
    },

    /** A failure screen's buttons name the method they call. */
    onAction(e: UiEvent<{ action?: string }>) {
      const action = e.currentTarget.dataset.action;
      const allowed = [
        'onRescan',
        'onRelocate',
        'onOpenSetting',
        'onRetry',
        'onViewMeeting',
        'onHome',
      ];
      if (!action || !allowed.includes(action)) return undefined;
      return (this as unknown as Record<string, () => unknown>)[action]!();
    },
  },
});
