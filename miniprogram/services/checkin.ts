/**
 * A member's check-in at the venue: scan the rotating code shown at the door, add the phone's
 * position when the meeting requires it, and send both. Used by the meeting page and again by
 * the result page's 重新扫码; the check-in page (opened by WeChat's camera) uses the pieces.
 *
 * The door shows a mini-program code (or, in the 扫普通链接二维码 set-up, a QR of an https link;
 * locally, a QR of the page path); older screens showed a bare token. Whatever was read goes to
 * the server as it is: the server tells the forms apart.
 */
import type { CheckInResult } from '../../typings/contracts';
import { isCancel } from '../utils/files';
import { showMessage } from '../utils/toast';
import { api } from './api';
import { isApiCallError, messageOf } from './errors';

export const RESULT_PAGE = '/pages/meetings/result/index';
/** The page a door code opens, from WeChat's camera or the in-app scan. */
export const CHECKIN_PAGE = '/pages/meetings/checkin/index';

export interface CheckInTarget {
  /** The meeting the member had open ('' when unknown: the code alone decides). */
  meetingId: string;
  requireLocation: boolean;
}

export type CheckInOutcome =
  { ok: true; result: CheckInResult } | { ok: false; code: string; message: string };

export type Position = { latitude: number; longitude: number; accuracy?: number };

function errMsgOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'errMsg' in err
    ? String((err as { errMsg: unknown }).errMsg)
    : '';
}

/** The member (or the phone's settings) refused WeChat the position, as opposed to no fix. */
export function isLocationDenied(err: unknown): boolean {
  return /auth|deny|denied|permission|authorize/i.test(errMsgOf(err));
}

export const LOCATION_DENIED_MESSAGE =
  '本次会议要求定位签到，用于确认您在会场。请在设置中允许“位置信息”，并打开手机定位后重新扫码。';
export const NO_FIX_MESSAGE = '暂时无法获取您的位置，请打开手机定位（GPS）后重新扫码。';

/**
 * Opens the camera for the door code: a mini-program code hands back the page path it opens
 * (`pages/meetings/checkin/index?scene=…`), any QR its text. Null when cancelled or unreadable
 * (the member has been told).
 */
export async function scanDoorCode(): Promise<string | null> {
  try {
    const res = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'wxCode'] });
    const code = (res.path || res.result || '').trim();
    if (code) return code;
    showMessage('未能识别二维码，请对准现场的签到码重新扫描');
    return null;
  } catch (err) {
    if (!isCancel(err)) showMessage('未能识别二维码，请对准现场的签到码重新扫描');
    return null;
  }
}

/**
 * The code the page was opened with: `scene` from a mini-program code, `q` (the whole link)
 * from a 扫普通链接二维码 code, `pass` when the binding page sends the member back. Each arrives
 * URL-encoded once. '' when there is none.
 */
export function launchCode(query: Record<string, string | undefined>): string {
  for (const key of ['pass', 'scene', 'q', 'code']) {
    const raw = query[key];
    if (!raw) continue;
    try {
      const value = decodeURIComponent(raw).trim();
      if (value) return value;
    } catch {
      if (raw.trim()) return raw.trim();
    }
  }
  return '';
}

export type PositionRead =
  { ok: true; position: Position } | { ok: false; reason: 'denied' | 'noFix' };

/** The phone's position for the geofence, or why there is none. */
export async function readPosition(): Promise<PositionRead> {
  try {
    const res = await wx.getLocation({ type: 'gcj02' });
    const position: Position = { latitude: res.latitude, longitude: res.longitude };
    // The contract takes an accuracy radius of up to 100 km; a wilder one is no information.
    if (Number.isFinite(res.accuracy) && res.accuracy >= 0 && res.accuracy <= 100000)
      position.accuracy = res.accuracy;
    return { ok: true, position };
  } catch (err) {
    return { ok: false, reason: isLocationDenied(err) ? 'denied' : 'noFix' };
  }
}

async function locate(): Promise<Position | null> {
  const read = await readPosition();
  if (read.ok) return read.position;
  if (read.reason === 'denied') {
    const asked = await wx.showModal({
      title: '需要位置信息',
      content: LOCATION_DENIED_MESSAGE,
      confirmText: '去设置',
      cancelText: '取消',
    });
    if (asked.confirm) wx.openSetting({});
  } else {
    showMessage(NO_FIX_MESSAGE);
  }
  return null;
}

/**
 * Scans, locates when required, and checks in. Resolves to the server's answer (success or
 * refusal), or null when the member stopped (scan cancelled, position refused: already told).
 */
export async function scanAndCheckIn(target: CheckInTarget): Promise<CheckInOutcome | null> {
  const token = await scanDoorCode();
  if (token === null) return null;
  let location: Position | undefined;
  if (target.requireLocation) {
    const position = await locate();
    if (!position) return null;
    location = position;
  }
  wx.showLoading({ title: '正在签到', mask: true });
  try {
    const result = await api.meetings.checkIn({
      token: token.trim(),
      ...(target.meetingId ? { meetingId: target.meetingId } : {}),
      ...(location ? { location } : {}),
    });
    return { ok: true, result };
  } catch (err) {
    return { ok: false, code: isApiCallError(err) ? err.code : '', message: messageOf(err) };
  } finally {
    wx.hideLoading();
  }
}

/** The result page's URL carrying the outcome (and what a second scan needs). */
export function resultUrl(target: CheckInTarget, outcome: CheckInOutcome): string {
  const q: Record<string, string> = {
    meetingId: target.meetingId,
    loc: target.requireLocation ? '1' : '0',
  };
  if (outcome.ok) {
    const r = outcome.result;
    Object.assign(q, {
      title: r.meetingTitle,
      session: r.sessionLabel,
      at: r.at,
      late: r.late ? '1' : '0',
      already: r.already ? '1' : '0',
    });
  } else {
    Object.assign(q, { code: outcome.code, error: outcome.message });
  }
  const query = Object.entries(q)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `${RESULT_PAGE}?${query}`;
}
