import { randomBytes } from 'node:crypto';
import { isStoreError, type DocumentStore, type StoredDoc } from '../store/port';

interface SecretDoc extends StoredDoc {
  value: string;
}

const cache = new WeakMap<DocumentStore, Promise<Buffer>>();

/**
 * The key that signs rotating check-in codes. From `SIGNING_KEY` (hex or base64, ≥ 32 bytes)
 * when set; otherwise made once per environment and kept in the database (which no client can
 * read: the security rules deny direct access), so nothing needs configuring to start.
 */
export function signingKey(store: DocumentStore): Promise<Buffer> {
  const fromEnv = process.env.SIGNING_KEY;
  if (fromEnv)
    return Promise.resolve(Buffer.from(fromEnv, /^[0-9a-f]+$/i.test(fromEnv) ? 'hex' : 'base64'));
  let key = cache.get(store);
  if (!key) {
    key = loadOrCreate(store);
    cache.set(store, key);
    key.catch(() => cache.delete(store));
  }
  return key;
}

async function loadOrCreate(store: DocumentStore): Promise<Buffer> {
  const existing = await store.get<SecretDoc>('system_secrets', 'signing-key');
  if (existing) return Buffer.from(existing.value, 'base64');
  try {
    await store.insert<SecretDoc>('system_secrets', {
      _id: 'signing-key',
      value: randomBytes(32).toString('base64'),
    });
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e; // another instance made it first
  }
  return Buffer.from(
    (await store.get<SecretDoc>('system_secrets', 'signing-key'))!.value,
    'base64',
  );
}
