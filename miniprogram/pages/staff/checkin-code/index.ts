import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { finalMessageOf } from '../../../utils/meetings';
import { queryValue } from '../../../utils/format';

/** Bounds on the server's `refreshAfterMs`, so a bad value neither spins nor freezes the code. */
export const MIN_REFRESH_MS = 1000;
export const MAX_REFRESH_MS = 30000;
/** After a failed refresh, try again this soon. */
export const RETRY_MS = 3000;
/** A code is accepted for 20–30 s after it is made: older than this, tell the door it is stale. */
export const STALE_AFTER_MS = 20000;

/** Refusals a retry cannot change: the screen stops and says why. */
const FINAL_CODES = [
  'MEETING.NOT_FOUND',
  'CHECKIN.MEETING_NOT_OPEN',
  'MEETING.SESSION_NOT_FOUND',
  'AUTH.FORBIDDEN',
];

type Status = 'loading' | 'ready' | 'error';

/** Per page instance: its refresh timer, its countdown and whether it is on screen. */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();
const countdowns = new WeakMap<object, ReturnType<typeof setInterval>>();
const running = new WeakSet<object>();

function keepScreenOn(on: boolean): void {
  try {
    wx.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  } catch {
    // Not available: the door's phone may dim, nothing else changes.
  }
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    /** A refusal a retry cannot change: said without 重新加载 (page-state shows the others). */
    finalMessage: '',
    title: '',
    sessionLabel: '',
    qrDataUrl: '',
    /** False for the local QR (read by the in-app scan only): the door says so. */
    opensFromCamera: true,
    /** Seconds until the code changes, and the share of its period left (for the bar). */
    secondsLeft: 0,
    leftPercent: 100,
    /** The last refresh failed; the code shown may soon be refused. */
    offline: false,
    stale: false,
    present: -1,
    expected: -1,
    _meetingId: '',
    _sessionId: '',
    _lastOkAt: 0,
    _nextAt: 0,
    _periodMs: 10000,
  },
  lifetimes: {
    detached() {
      this.stop();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const meetingId = queryValue(query.id);
      const sessionId = queryValue(query.session);
      if (!meetingId || !sessionId) {
        this.setData({ finalMessage: '没有指定会议和场次，请从会议工作台进入。' });
        return undefined;
      }
      // Opened again on another session: the old one's refresh stops, its title goes.
      this.stop();
      this.setData({ _meetingId: meetingId, _sessionId: sessionId, title: '', sessionLabel: '' });
      keepScreenOn(true);
      return this.start();
    },

    onShow() {
      if (this.data.status === 'ready' && !running.has(this)) {
        keepScreenOn(true);
        return this.start();
      }
      return undefined;
    },

    onHide() {
      this.stop();
    },

    onUnload() {
      this.stop();
      keepScreenOn(false);
    },

    onRetry() {
      this.setData({ status: 'loading' });
      return this.start();
    },

    async start() {
      running.add(this);
      if (!this.data.title) {
        try {
          const detail = await api.meetings.get({ meetingId: this.data._meetingId });
          const session = detail.sessions.find((s) => s.id === this.data._sessionId);
          this.setData({ title: detail.title, sessionLabel: session?.label ?? '' });
        } catch (err) {
          this.fail(err);
          return;
        }
      }
      await this.tick();
    },

    stop() {
      running.delete(this);
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
      const countdown = countdowns.get(this);
      if (countdown !== undefined) clearInterval(countdown);
      countdowns.delete(this);
    },

    /** The visible refresh: seconds left and a shrinking bar, once a second. */
    countDown(delay: number) {
      this.setData({ _nextAt: Date.now() + delay, _periodMs: Math.max(delay, 1) });
      this.showLeft();
      if (!countdowns.has(this))
        countdowns.set(
          this,
          setInterval(() => this.showLeft(), 1000),
        );
    },

    showLeft() {
      const left = Math.max(0, this.data._nextAt - Date.now());
      this.setData({
        secondsLeft: Math.ceil(left / 1000),
        leftPercent: Math.round((left / this.data._periodMs) * 100),
      });
    },

    fail(err: unknown) {
      this.stop();
      this.setData({
        status: 'error',
        errorMessage: messageOf(err),
        finalMessage: finalMessageOf(err, FINAL_CODES),
      });
    },

    /** Fetches a fresh code (and the count), then schedules the next one. */
    async tick() {
      if (!running.has(this)) return;
      let delay = RETRY_MS;
      try {
        const code = await api.meetings.getCheckInCode({
          meetingId: this.data._meetingId,
          sessionId: this.data._sessionId,
        });
        delay = Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, code.refreshAfterMs));
        this.setData({
          status: 'ready',
          qrDataUrl: code.qrDataUrl,
          opensFromCamera: code.opensFromCamera !== false,
          offline: false,
          stale: false,
          _lastOkAt: Date.now(),
        });
      } catch (err) {
        if (!this.data.qrDataUrl || (isApiCallError(err) && FINAL_CODES.includes(err.code))) {
          this.fail(err);
          return;
        }
        this.setData({
          offline: true,
          stale: Date.now() - this.data._lastOkAt > STALE_AFTER_MS,
        });
      }
      void this.loadCount();
      if (!running.has(this)) return;
      this.countDown(delay);
      timers.set(
        this,
        setTimeout(() => {
          timers.delete(this);
          void this.tick();
        }, delay),
      );
    },

    async loadCount() {
      try {
        const board = await api.meetings.getAttendance({
          meetingId: this.data._meetingId,
          sessionId: this.data._sessionId,
        });
        this.setData({ present: board.counts.present, expected: board.counts.expected });
      } catch {
        // The count is a convenience; the code matters.
      }
    },
  },
});
