import type { Page } from '../../typings/contracts/envelope';
import type { DocumentStore, FindOptions, StoredDoc, Where } from '../store/port';

/** One page of a collection plus the total, mapped to what the caller may see. */
export async function findPage<D extends StoredDoc, V>(
  store: DocumentStore,
  collection: string,
  query: {
    where?: Where;
    orderBy: NonNullable<FindOptions['orderBy']>;
    page: number;
    pageSize: number;
  },
  view: (doc: D) => V,
): Promise<Page<V>> {
  const { where = {}, orderBy, page, pageSize } = query;
  const [docs, total] = await Promise.all([
    store.find<D>(collection, { where, orderBy, skip: (page - 1) * pageSize, limit: pageSize }),
    store.count(collection, where),
  ]);
  return { items: docs.map(view), total, page, pageSize };
}
