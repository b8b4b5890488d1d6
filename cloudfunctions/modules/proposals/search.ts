/**
 * Searching proposals by their words (kernel/search-terms.ts): title, 案由, 建议, the case
 * number, the proposer (and the collective's name) and the units handling it. Every write that
 * changes one of those keeps `searchTerms` with it (`withSearchTerms` in search-fields.ts);
 * documents written before terms were kept get them from the timer (`healProposalSearch`).
 */
import type { Page } from '../../../typings/contracts/envelope';
import type { ProposalSummary } from '../../../typings/contracts/proposals';
import type { Services } from '../../kernel/action';
import {
  rankedPage,
  searchQueryOf,
  searchSet,
  searchWhere,
  STALE_SEARCH_VERSIONS,
} from '../../kernel/search-terms';
import type { DocumentStore, Where } from '../../store/port';
import type { ProposalDoc } from './model';
import { proposalSearchFields } from './search-fields';
import { toSummary } from './views';

/** A case number (2026-0001 or 2026-1), as stored. */
export function caseNumberOf(keyword: string): string | null {
  const m = /^\s*(\d{4})-(\d{1,4})\s*$/.exec(keyword);
  return m ? `${m[1]}-${m[2]!.padStart(4, '0')}` : null;
}

/**
 * The store's condition for words typed into a staff queue (which keeps its own order): every
 * term of the query's cover. Nothing searchable in the words: nothing matches.
 */
export function keywordTermsWhere(keyword: string | undefined): Where {
  if (!keyword?.trim()) return {};
  const query = searchQueryOf(keyword, caseNumberOf(keyword));
  return query ? searchWhere(query) : { _id: { $in: [] } };
}

/** One page of the proposals under `where` that answer `keyword`, best first. */
export async function searchProposals(
  store: DocumentStore,
  where: Where,
  keyword: string,
  paging: { page: number; pageSize: number },
): Promise<Page<ProposalSummary>> {
  const query = searchQueryOf(keyword, caseNumberOf(keyword));
  if (!query) return { items: [], total: 0, ...paging };
  return rankedPage<ProposalDoc, ProposalSummary>(
    store,
    'proposals',
    { where, query, fields: proposalSearchFields, ...paging },
    toSummary,
  );
}

/**
 * Gives proposals written before search terms were kept (or under an older recipe) their terms,
 * a batch at a time (the timer calls it). Each is written only at the version read, so a change
 * meanwhile (which writes its own terms) is never undone; `version` and `updatedAt` stay.
 */
export async function healProposalSearch(
  services: Pick<Services, 'store'>,
  limit = 30,
): Promise<number> {
  const stale = await services.store.find<ProposalDoc>('proposals', {
    where: { searchV: { $in: STALE_SEARCH_VERSIONS } },
    limit,
  });
  const written = await Promise.all(
    stale.map((p) =>
      services.store.update(
        'proposals',
        p._id,
        { set: searchSet(proposalSearchFields(p)) },
        { if: { version: p.version } },
      ),
    ),
  );
  return written.filter(Boolean).length;
}
