import type { Services } from '../../cloudfunctions/kernel/action';
import type { Clock } from '../../cloudfunctions/kernel/clock';
import { randomIds } from '../../cloudfunctions/kernel/ids';
import { silentLogger } from '../../cloudfunctions/kernel/logger';
import { wordListChecks } from '../../cloudfunctions/ports/content-check';
import { noFiles } from '../../cloudfunctions/ports/file-store';
import { pathQrCodes } from '../../cloudfunctions/ports/mini-program-code';
import { devPhoneNumbers } from '../../cloudfunctions/ports/phone-number';
import { recordingSms } from '../../cloudfunctions/ports/sms';
import { DEMO_TEMPLATES, recordingMessages } from '../../cloudfunctions/ports/subscribe-message';
import type { DocumentStore } from '../../cloudfunctions/store/port';

/**
 * The services off the cloud (the local runtime, the tests' harness, the benches, the previews):
 * the store and clock given, the local adapters of every port; `over` replaces any of them.
 * The recording ports keep what they record in `store`.
 */
export function localServices(
  store: DocumentStore,
  clock: Clock,
  over: Partial<Services> = {},
): Services {
  return {
    store,
    clock,
    ids: randomIds,
    log: silentLogger,
    phoneNumbers: devPhoneNumbers,
    messages: recordingMessages(store, () => clock.now()),
    contentChecks: wordListChecks(store, () => clock.now()),
    miniProgramCodes: pathQrCodes,
    templates: DEMO_TEMPLATES,
    files: noFiles,
    sms: recordingSms(store, () => clock.now()),
    ...over,
  };
}
