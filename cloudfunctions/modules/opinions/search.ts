/**
 * Searching opinion reports by their words (kernel/search-terms.ts): title, text, author and
 * the 期号 it was adopted under. Every write that changes one of those keeps `searchTerms` with
 * it (`withOpinionSearchTerms`: new reports in `newOpinion`, changes in the actions' `step` and
 * the autosave); reports written before terms were kept get them from the timer.
 */
import type { Page } from '../../../typings/contracts/envelope';
import type { Services } from '../../kernel/action';
import {
  rankedPage,
  searchChanged,
  searchQueryOf,
  searchSet,
  searchTermsOf,
  STALE_SEARCH_VERSIONS,
  type SearchField,
} from '../../kernel/search-terms';
import type { DocumentStore, Where } from '../../store/port';
import type { OpinionDoc } from './model';

type Searchable = Pick<OpinionDoc, 'title' | 'body' | 'authorName' | 'issue'>;

/** What a report is searched by, with the weight of a whole word found there. */
export function opinionSearchFields(o: Searchable): SearchField[] {
  return [
    { text: o.title, weight: 6, unigrams: true },
    { text: o.authorName, weight: 4, unigrams: true },
    { text: o.issue, weight: 3, unigrams: true },
    { text: o.body, weight: 2 },
  ];
}

/** The search fields to write with a change (`set`) to `before` (none: a new report). */
export function withOpinionSearchTerms(
  before: (Searchable & { searchTerms?: string[]; searchV?: number }) | null,
  set: Partial<Searchable> | Record<string, unknown>,
): { searchTerms?: string[]; searchV?: number } {
  const fields = opinionSearchFields({ ...before, ...set } as Searchable);
  if (before && !searchChanged(before, searchTermsOf(fields))) return {};
  return searchSet(fields);
}

/** One page of the reports under `where` that answer `keyword`, best first. */
export async function searchOpinions<V>(
  store: DocumentStore,
  where: Where,
  keyword: string,
  paging: { page: number; pageSize: number },
  view: (o: OpinionDoc) => V,
): Promise<Page<V>> {
  const query = searchQueryOf(keyword);
  if (!query) return { items: [], total: 0, ...paging };
  return rankedPage<OpinionDoc, V>(
    store,
    'opinions',
    { where, query, fields: opinionSearchFields, ...paging },
    view,
  );
}

/**
 * Gives reports written before search terms were kept their terms, a batch at a time (the timer
 * calls it), each only at the version read; `version` and `updatedAt` stay.
 */
export async function healOpinionSearch(
  services: Pick<Services, 'store'>,
  limit = 30,
): Promise<number> {
  const stale = await services.store.find<OpinionDoc>('opinions', {
    where: { searchV: { $in: STALE_SEARCH_VERSIONS } },
    limit,
  });
  const written = await Promise.all(
    stale.map((o) =>
      services.store.update(
        'opinions',
        o._id,
        { set: searchSet(opinionSearchFields(o)) },
        { if: { version: o.version } },
      ),
    ),
  );
  return written.filter(Boolean).length;
}
