import { MEETING_KIND_LABELS } from '../../../typings/contracts/meetings';
import { businessDateTime } from '../../kernel/clock';
import type { Notification } from '../notify/outbox';
import type { MeetingDoc } from './model';

export const detailLink = (meetingId: string) => `/pages/meetings/detail/index?id=${meetingId}`;

type Kind = 'notice' | 'change' | 'cancel' | 'removed';

/** The message a member gets when a meeting concerns them; one per meeting notice version. */
export function meetingNotice(m: MeetingDoc, memberId: string, kind: Kind): Notification {
  const when = businessDateTime(m.startsAt);
  const base = {
    key: `meeting.${kind}:${m._id}:v${m.noticeVersion}`,
    memberId,
    link: detailLink(m._id),
  };
  switch (kind) {
    case 'notice':
      return {
        ...base,
        kind: 'meeting.notice',
        title: `会议通知：${m.title}`,
        body: `${MEETING_KIND_LABELS[m.kind]}定于 ${when} 在${m.venue.name}召开，请于 ${businessDateTime(m.replyDeadline)} 前回执（参加或请假）。`,
        template: {
          key: 'meetingNotice',
          values: { title: m.title, time: when, place: m.venue.name, note: '请及时回执' },
        },
      };
    case 'change':
      return {
        ...base,
        kind: 'meeting.change',
        title: `会议变更：${m.title}`,
        body: `会议信息有调整：${when}，${m.venue.name}。请查看最新安排。`,
        template: {
          key: 'meetingChange',
          values: { title: m.title, time: when, note: '会议信息有变更，请查看' },
        },
      };
    case 'cancel':
      return {
        ...base,
        kind: 'meeting.cancel',
        title: `会议取消：${m.title}`,
        body: `原定于 ${when} 召开的会议已取消。${m.cancelReason ? `原因：${m.cancelReason}` : ''}`,
        template: {
          key: 'meetingChange',
          values: { title: m.title, time: when, note: '会议已取消' },
        },
      };
    case 'removed':
      return {
        ...base,
        kind: 'meeting.removed',
        title: `参会名单调整：${m.title}`,
        body: '参会名单已调整，您无需参加本次会议。',
        template: {
          key: 'meetingChange',
          values: { title: m.title, time: when, note: '您无需参加本次会议' },
        },
      };
  }
}

export function leaveDecisionNotice(
  m: MeetingDoc,
  memberId: string,
  approved: boolean,
  note: string | null,
): Notification {
  return {
    key: `meeting.leave:${m._id}:${approved ? 'approved' : 'refused'}:${note ?? ''}`.slice(0, 200),
    memberId,
    kind: 'meeting.leave',
    link: detailLink(m._id),
    title: `请假${approved ? '已批准' : '未获批准'}：${m.title}`,
    body: approved
      ? '您的请假已批准。'
      : `您的请假未获批准，请按时参会。${note ? `说明：${note}` : ''}`,
    template: {
      key: 'leaveResult',
      values: { title: m.title, note: approved ? '请假已批准' : '请假未获批准，请按时参会' },
    },
  };
}

export function replyReminder(m: MeetingDoc, memberId: string, day: string): Notification {
  return {
    key: `meeting.remind:${m._id}:${day}`,
    memberId,
    kind: 'meeting.remind',
    link: detailLink(m._id),
    title: `请回执：${m.title}`,
    body: `会议将于 ${businessDateTime(m.startsAt)} 召开，您尚未回执，请于 ${businessDateTime(m.replyDeadline)} 前回执。`,
    template: {
      key: 'replyReminder',
      values: { title: m.title, time: businessDateTime(m.startsAt), note: '请尽快回执' },
    },
  };
}
