import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { isStoreError } from '../../cloudfunctions/store/port';
import { storeContract } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describe('DocumentStore contract: SQLite', () => {
  storeContract(
    async () => new SqliteStore(join(dir, `t${n++}.db`)),
    (s) => s.close(),
  );
});

describe('SQLite adapter specifics', () => {
  it('keeps data in the file across reopen', async () => {
    const file = join(dir, 'persist.db');
    const a = new SqliteStore(file);
    await a.insert('ct_items', { _id: 'x', n: 1 });
    await a.close();
    const b = new SqliteStore(file);
    expect(await b.get('ct_items', 'x')).toEqual({ _id: 'x', n: 1 });
    await b.close();
  });

  it('refuses store calls from inside its own transaction instead of deadlocking', async () => {
    const s = new SqliteStore(join(dir, 'nested.db'));
    const err = await s.transaction(() => s.get('ct_items', 'x')).catch((e: unknown) => e);
    expect(isStoreError(err, 'INVALID')).toBe(true);
    await s.close();
  });
});
