import type { Handler } from '../kernel/action';
import { ledgerHandlers } from '../modules/ledger';
import { meetingsHandlers } from '../modules/meetings';
import { membersHandlers } from '../modules/members';
import { notifyHandlers } from '../modules/notify';
import { opinionsHandlers } from '../modules/opinions';
import { proposalsHandlers } from '../modules/proposals';
import { readingHandlers } from '../modules/reading';
import { settingsHandlers } from '../modules/settings';
import { studiosHandlers } from '../modules/studios';

/**
 * Every deployable function (one per bounded context) and its handlers. The build bundles
 * cloudfunctions/functions/<name>/index.ts for each name; the local runtime serves them all.
 */
export const FUNCTIONS: Record<string, Record<string, Handler>> = {
  members: asHandlers(membersHandlers),
  ledger: asHandlers(ledgerHandlers),
  notify: asHandlers(notifyHandlers),
  meetings: asHandlers(meetingsHandlers),
  proposals: asHandlers(proposalsHandlers),
  opinions: asHandlers(opinionsHandlers),
  settings: asHandlers(settingsHandlers),
  reading: asHandlers(readingHandlers),
  studios: asHandlers(studiosHandlers),
};

function asHandlers<T extends object>(handlers: T): Record<string, Handler> {
  return handlers as unknown as Record<string, Handler>;
}
