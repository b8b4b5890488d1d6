/**
 * What the check-in page says when it cannot check the member in: one screen per reason, each
 * with a plain title, what happened and what to do, and the buttons that help.
 */
export type FailureKind =
  | 'expired'
  | 'passExpired'
  | 'invalid'
  | 'wrongMeeting'
  | 'window'
  | 'range'
  | 'notInvited'
  | 'locationDenied'
  | 'noFix'
  | 'notOpen'
  | 'network'
  | 'other';

/** A button's action: a method of the page. */
export type FailureAction =
  'onRescan' | 'onRelocate' | 'onOpenSetting' | 'onRetry' | 'onViewMeeting' | 'onHome';

export interface FailureView {
  kind: FailureKind;
  title: string;
  message: string;
  /** The main button first; at most two. */
  actions: Array<{ label: string; action: FailureAction }>;
}

const RESCAN = { label: '重新扫码', action: 'onRescan' } as const;
const HOME = { label: '返回首页', action: 'onHome' } as const;
const VIEW_MEETING = { label: '查看会议', action: 'onViewMeeting' } as const;
const RETRY = { label: '重试', action: 'onRetry' } as const;

/** The server's refusal (its code and message), as a screen. */
export function failureOf(code: string, serverMessage: string): FailureView {
  switch (code) {
    case 'CHECKIN.CODE_EXPIRED':
      return {
        kind: 'expired',
        title: '签到码已过期',
        message:
          '现场的签到码每 10 秒更新，拍照或转发的签到码很快失效。请对准会场屏幕上正在显示的签到码重新扫描。',
        actions: [RESCAN, HOME],
      };
    case 'CHECKIN.PASS_EXPIRED':
      return {
        kind: 'passExpired',
        title: '扫码已超过 10 分钟',
        message: '请回到会场，重新扫描屏幕上的签到码。',
        actions: [RESCAN, HOME],
      };
    case 'CHECKIN.CODE_INVALID':
      return {
        kind: 'invalid',
        title: '不是有效的签到码',
        message: '请扫描会场屏幕上或工作人员出示的签到码。',
        actions: [RESCAN, HOME],
      };
    case 'CHECKIN.WRONG_MEETING':
      return {
        kind: 'wrongMeeting',
        title: '不是本次会议的签到码',
        message: serverMessage,
        actions: [RESCAN, HOME],
      };
    case 'CHECKIN.WINDOW_CLOSED':
      return {
        kind: 'window',
        title: '不在签到时间内',
        message: `${serverMessage}。如已到场，请联系工作人员。`,
        actions: [VIEW_MEETING, HOME],
      };
    case 'CHECKIN.OUT_OF_RANGE':
      return {
        kind: 'range',
        title: '您不在会场范围内',
        message: `${serverMessage}。到场后点“重新定位”即可，扫码后 10 分钟内无需再次扫码。`,
        actions: [{ label: '重新定位', action: 'onRelocate' }, HOME],
      };
    case 'CHECKIN.NOT_INVITED':
      return {
        kind: 'notInvited',
        title: '您不在参会名单中',
        message: '本次会议的参会名单中没有您。如有疑问，请联系会场工作人员。',
        actions: [HOME],
      };
    case 'CHECKIN.MEETING_NOT_OPEN':
      return {
        kind: 'notOpen',
        title: '该会议当前不能签到',
        message: '会议可能已取消或已结束。如有疑问，请联系会场工作人员。',
        actions: [HOME],
      };
    case 'SYSTEM.UNAVAILABLE':
      return {
        kind: 'network',
        title: '网络不通',
        message: '暂时连不上服务器，请检查网络后重试。签到码在扫码后 10 分钟内有效。',
        actions: [RETRY, HOME],
      };
    default:
      return { kind: 'other', title: '签到未成功', message: serverMessage, actions: [RETRY, HOME] };
  }
}

/** The phone gave no position for a meeting that needs one. */
export function positionFailure(reason: 'denied' | 'noFix'): FailureView {
  return reason === 'denied'
    ? {
        kind: 'locationDenied',
        title: '需要位置信息',
        message:
          '本次会议要求定位签到，用于确认您在会场。请点“去设置”允许“位置信息”，打开手机定位后点“重新定位”。',
        actions: [
          { label: '去设置', action: 'onOpenSetting' },
          { label: '重新定位', action: 'onRelocate' },
        ],
      }
    : {
        kind: 'noFix',
        title: '暂时无法获取位置',
        message: '请打开手机定位（GPS），到室外或窗边稍等片刻，再点“重新定位”。',
        actions: [{ label: '重新定位', action: 'onRelocate' }, HOME],
      };
}
