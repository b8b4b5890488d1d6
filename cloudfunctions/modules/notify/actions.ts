import {
  notify,
  TEMPLATE_KEYS,
  type InboxItem,
  type TemplateKey,
} from '../../../typings/contracts/notify';
import { command, handle, STAFF } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { forEachLimit } from '../../kernel/concurrency';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { deliverDue, subscriptionId, type InboxDoc, type SubscriptionDoc } from './delivery';

/** A member's inbox: every notification, newest first, with the unread count. */
export const listInbox = handle(notify.listInbox, 'account', async (ctx, input) => {
  const memberId = ctx.caller.member!._id;
  const where: Where = { memberId, ...(input.unreadOnly ? { readAt: null } : {}) };
  const [page, unread] = await Promise.all([
    findPage<InboxDoc, InboxItem>(
      ctx.store,
      'inbox',
      { where, orderBy: [['createdAt', 'desc']], page: input.page, pageSize: input.pageSize },
      (d) => ({
        id: d._id,
        kind: d.kind,
        title: d.title,
        body: d.body,
        link: d.link,
        createdAt: d.createdAt,
        readAt: d.readAt,
      }),
    ),
    ctx.store.count('inbox', { memberId, readAt: null }),
  ]);
  return { ...page, unread };
});

export const getUnreadCount = handle(notify.getUnreadCount, 'account', async (ctx) => ({
  count: await ctx.store.count('inbox', { memberId: ctx.caller.member!._id, readAt: null }),
}));

/** Marks the caller's own items read (others' ids are ignored). */
const MARK_PER_CALL = 200;

export const markRead = command(notify.markRead, 'account', async (ctx, input) => {
  const memberId = ctx.caller.member!._id;
  const where: Where = {
    memberId,
    readAt: null,
    ...(input.all ? {} : { _id: { $in: input.ids ?? [] } }),
  };
  // At most MARK_PER_CALL a call, side by side (the page asks again while some are unread).
  const items = await ctx.store.find<InboxDoc>('inbox', { where, limit: MARK_PER_CALL });
  const now = iso(ctx.clock.now());
  let marked = 0;
  await forEachLimit(items, 10, async (item) => {
    const changed = await ctx.store.update(
      'inbox',
      item._id,
      { set: { readAt: now } },
      { if: { memberId, readAt: null } },
    );
    if (changed) marked += 1;
  });
  return { marked };
});

/**
 * The templates the mini-program should ask the member to subscribe to (ids from
 * configuration), with the messages of each the member may still receive.
 */
export const getSubscribeTemplates = handle(
  notify.getSubscribeTemplates,
  'account',
  async (ctx) => {
    const memberId = ctx.caller.member!._id;
    // By id (`<member>:<template>`): a few reads, no query.
    const subs = await Promise.all(
      ctx.templates.map((t) =>
        ctx.store.get<SubscriptionDoc>(
          'subscriptions',
          subscriptionId({ memberId, template: { key: t.key } }),
        ),
      ),
    );
    return {
      templates: ctx.templates.map((t, i) => ({
        key: t.key,
        templateId: t.templateId,
        title: t.title,
        remaining: Math.max(0, subs[i]?.remaining ?? 0),
      })),
    };
  },
);

/**
 * Records what `wx.requestSubscribeMessage` granted: each 'accept' is one more message the
 * member may receive for that template (one-time subscriptions add up).
 */
export const reportSubscriptions = command(
  notify.reportSubscriptions,
  'account',
  async (ctx, { results }) => {
    const memberId = ctx.caller.member!._id;
    const now = iso(ctx.clock.now());
    const remaining: Partial<Record<TemplateKey, number>> = {};
    for (const template of ctx.templates) {
      const answer = results[template.templateId];
      const id = `${memberId}:${template.key}`;
      const count = await ctx.store.transaction(async (tx) => {
        const sub = await tx.get<SubscriptionDoc>('subscriptions', id);
        if (answer !== 'accept') return sub?.remaining ?? 0;
        if (sub)
          await tx.update('subscriptions', id, { inc: { remaining: 1 }, set: { updatedAt: now } });
        else
          await tx.insert<SubscriptionDoc>('subscriptions', {
            _id: id,
            memberId,
            templateKey: template.key,
            remaining: 1,
            updatedAt: now,
          });
        return (sub?.remaining ?? 0) + 1;
      });
      if (TEMPLATE_KEYS.includes(template.key)) remaining[template.key] = count;
    }
    return { remaining };
  },
);

/** Runs the delivery worker once now (the timer runs it every 10 seconds). */
export const runDelivery = command(notify.runDelivery, STAFF, async (ctx, { limit }) =>
  deliverDue(ctx, limit),
);
