import type { TemplateKey } from '../../typings/contracts/notify';
import type { DocumentStore } from '../store/port';

/** One subscription message, in WeChat's shape: `data` values keyed by the template's field names. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The page the message opens, e.g. `pages/meetings/detail/index?id=…`. */
  page: string;
  data: Record<string, { value: string }>;
}

export type SendResult =
  | { ok: true }
  /**
   * NO_QUOTA: the member has no one-time subscription left (errcode 43101).
   * REJECTED: WeChat refused this message for good (bad field, unknown user).
   * FAILED: a passing fault; the message was not sent and may be tried again.
   */
  | { ok: false; reason: 'NO_QUOTA' | 'REJECTED' | 'FAILED'; detail: string };

/** Sends WeChat subscription messages. */
export interface SubscribeMessagePort {
  send(message: SubscribeMessage): Promise<SendResult>;
}

/**
 * How one template key maps onto a template configured in the WeChat admin console: its id
 * and which of its fields carries each part of a notification.
 */
export interface TemplateConfig {
  key: TemplateKey;
  templateId: string;
  title: string;
  fields: Partial<Record<'title' | 'time' | 'place' | 'note', string>>;
}

/**
 * The local runtime cannot reach WeChat: it records each message it would have sent in the
 * `dev_sent_messages` collection (and the tests read them there).
 */
export function recordingMessages(store: DocumentStore, now: () => Date): SubscribeMessagePort {
  let n = 0;
  return {
    async send(message) {
      n += 1;
      await store.insert('dev_sent_messages', {
        _id: `msg_${now().getTime()}_${n}_${Math.random().toString(36).slice(2, 8)}`,
        ...message,
        at: now().toISOString(),
      });
      return { ok: true };
    },
  };
}

/** Reads the template configuration from JSON (the `SUBSCRIBE_TEMPLATES` setting). */
export function parseTemplateConfig(json: string | undefined): TemplateConfig[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed)) throw new Error('SUBSCRIBE_TEMPLATES must be a JSON array');
  return parsed as TemplateConfig[];
}

/** Templates for the local demo: fake ids, so the recording adapter shows what would be sent. */
export const DEMO_TEMPLATES: TemplateConfig[] = [
  {
    key: 'meetingNotice',
    templateId: 'demo-meeting-notice',
    title: '会议通知',
    fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' },
  },
  {
    key: 'meetingChange',
    templateId: 'demo-meeting-change',
    title: '会议变更提醒',
    fields: { title: 'thing1', time: 'time2', note: 'thing3' },
  },
  {
    key: 'leaveResult',
    templateId: 'demo-leave-result',
    title: '请假审批结果',
    fields: { title: 'thing1', note: 'thing2' },
  },
  {
    key: 'replyReminder',
    templateId: 'demo-reply-reminder',
    title: '会议回执提醒',
    fields: { title: 'thing1', time: 'time2', note: 'thing3' },
  },
];
