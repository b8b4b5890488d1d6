import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { id, paging } from './common';
import type { Page } from './envelope';

/**
 * Subscription message templates, by the key the code uses. The template ids (and their field
 * names) are chosen in the WeChat admin console and configured per deployment.
 */
export const TEMPLATE_KEYS = [
  'meetingNotice',
  'meetingChange',
  'leaveResult',
  'replyReminder',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** A mini-program page to open, e.g. `/pages/meetings/detail/index?id=…`. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface SubscribeTemplate {
  key: TemplateKey;
  templateId: string;
  title: string;
  /**
   * How many messages of this template the caller may still receive (one per acceptance, so
   * the mini-program can say how many reminders are left).
   */
  remaining: number;
}

export interface DeliveryStats {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
}

/** Nothing here is typed by a person: a short message is enough. */
const WRONG = '参数有误';

export const notify = lazyContracts(() => ({
  listInbox: {
    input: z.strictObject({ unreadOnly: z.boolean().default(false), ...paging }),
    output: returns<Page<InboxItem> & { unread: number }>(),
  },
  getUnreadCount: {
    input: z.strictObject({}),
    output: returns<{ count: number }>(),
  },
  markRead: {
    input: z.strictObject({
      ids: z.array(id, { error: WRONG }).max(100, '一次最多标记 100 条').optional(),
      all: z.boolean().default(false),
    }),
    output: returns<{ marked: number }>(),
  },
  getSubscribeTemplates: {
    input: z.strictObject({}),
    output: returns<{ templates: SubscribeTemplate[] }>(),
  },
  reportSubscriptions: {
    input: z.strictObject({
      /** What `wx.requestSubscribeMessage` answered, by template id. */
      results: z.record(
        z.string().max(64, WRONG),
        z.enum(['accept', 'reject', 'ban', 'filter'], WRONG),
        { error: WRONG },
      ),
    }),
    output: returns<{ remaining: Partial<Record<TemplateKey, number>> }>(),
  },
  /** At most 32 a call (DELIVERY.perRun: one invocation's budget of store calls). */
  runDelivery: {
    input: z.strictObject({ limit: z.number().int().min(1).max(32).default(32) }),
    output: returns<DeliveryStats>(),
  },
}));
