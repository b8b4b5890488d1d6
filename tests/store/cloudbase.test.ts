/**
 * The document store contract against a real CloudBase environment. It runs only with
 * credentials (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY) and otherwise reports
 * itself skipped, never passed. It writes only to the contract's `ct_*` collections, which it
 * empties before every test and after the suite.
 */
import {
  CloudBaseStore,
  connectWxServerSdk,
  isCollectionMissingError,
  type CloudBaseDatabase,
} from '../../cloudfunctions/store/cloudbase';
import { storeContract } from './contract';

const env = process.env.TCB_ENV;
const enabled = Boolean(
  env && process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY,
);

if (!enabled) {
  // stdout, not console: jest hides console output of a suite whose tests are all skipped.
  process.stdout.write(
    'CloudBase store contract SKIPPED: set TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY to run it\n',
  );
}

// Network round trips: the 2300-document case alone makes thousands of calls.
if (enabled) jest.setTimeout(15 * 60 * 1000);

/** Every collection the contract suite uses. */
const CONTRACT_COLLECTIONS = ['ct_items', 'ct_many', 'ct_log', 'ct_none'];

/** Removes every document of the contract's collections (collections cannot be dropped from here). */
async function clearContractCollections(db: CloudBaseDatabase): Promise<void> {
  const _ = db.command;
  for (const name of CONTRACT_COLLECTIONS) {
    try {
      // A server-side where().remove() removes every match; repeat in case it stops early.
      for (let round = 0; round < 10; round++) {
        const res = await db
          .collection(name)
          .where({ _id: _.exists(true) })
          .remove();
        if (!(typeof res.stats?.removed === 'number' && res.stats.removed > 0)) break;
      }
    } catch (e) {
      if (!isCollectionMissingError(e)) throw e;
    }
  }
}

(enabled ? describe : describe.skip)('DocumentStore contract: CloudBase', () => {
  let db: CloudBaseDatabase;
  beforeAll(() => {
    db = connectWxServerSdk(env);
  });
  afterAll(async () => {
    await clearContractCollections(db);
  });

  storeContract(
    async () => {
      await clearContractCollections(db);
      // The contract runs 12 read-modify-write transactions on one document at once, more
      // contention than the default 5 attempts are meant for.
      return new CloudBaseStore(db, { maxTransactionAttempts: 15 });
    },
    (s) => s.close(),
  );
});
