/**
 * A member's check-in at the venue: scan the rotating code shown at the door, add the phone's
 * position when the meeting requires it, and send both. Used by the meeting page and again by
 * the result page's 重新扫码.
 */
import type { CheckInResult } from '../../typings/contracts';
import { isCancel } from '../utils/files';
import { showMessage } from '../utils/toast';
import { api } from './api';
import { isApiCallError, messageOf } from './errors';

export const RESULT_PAGE = '/pages/meetings/result/index';

export interface CheckInTarget {
  /** The meeting the member had open ('' when unknown: the code alone decides). */
  meetingId: string;
  requireLocation: boolean;
}

export type CheckInOutcome =
  { ok: true; result: CheckInResult } | { ok: false; code: string; message: string };

type Position = { latitude: number; longitude: number; accuracy?: number };

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

async function scan(): Promise<string | null> {
  try {
    const res = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return res.result;
  } catch (err) {
    if (!isCancel(err)) showMessage('未能识别二维码，请对准现场的签到码重新扫描');
    return null;
  }
}

async function locate(): Promise<Position | null> {
  try {
    const res = await wx.getLocation({ type: 'gcj02' });
    const position: Position = { latitude: res.latitude, longitude: res.longitude };
    // The contract takes an accuracy radius of up to 100 km; a wilder one is no information.
    if (Number.isFinite(res.accuracy) && res.accuracy >= 0 && res.accuracy <= 100000)
      position.accuracy = res.accuracy;
    return position;
  } catch (err) {
    if (isLocationDenied(err)) {
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
}

/**
 * Scans, locates when required, and checks in. Resolves to the server's answer (success or
 * refusal), or null when the member stopped (scan cancelled, position refused: already told).
 */
export async function scanAndCheckIn(target: CheckInTarget): Promise<CheckInOutcome | null> {
  const token = await scan();
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
