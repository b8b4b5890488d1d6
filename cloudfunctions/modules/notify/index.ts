import type { notify } from '../../../typings/contracts/notify';
import type { ModuleHandlers } from '../../kernel/action';
import {
  getSubscribeTemplates,
  getUnreadCount,
  listInbox,
  markRead,
  reportSubscriptions,
  runDelivery,
} from './actions';

/** The notify function: the inbox, subscription bookkeeping, and the outbox delivery worker. */
export const notifyHandlers: ModuleHandlers<typeof notify> = {
  listInbox,
  getUnreadCount,
  markRead,
  getSubscribeTemplates,
  reportSubscriptions,
  runDelivery,
};
