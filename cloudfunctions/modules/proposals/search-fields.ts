/**
 * What a proposal is searched by (see search.ts), apart from the queries so that the model and
 * every write path can keep the terms without importing the views.
 */
import {
  searchChanged,
  searchSet,
  searchTermsOf,
  type SearchField,
} from '../../kernel/search-terms';
import type { ProposalDoc } from './model';

export type Searchable = Pick<
  ProposalDoc,
  'title' | 'cause' | 'suggestion' | 'number' | 'leadName' | 'collective' | 'handling'
>;

/** What a proposal is searched by, with the weight of a whole word found there. */
export function proposalSearchFields(p: Searchable): SearchField[] {
  return [
    { text: p.title, weight: 6, unigrams: true },
    { text: p.number, weight: 6, exact: p.number ?? undefined },
    { text: p.leadName, weight: 4, unigrams: true },
    { text: p.collective?.name, weight: 4, unigrams: true },
    ...(p.handling?.units ?? []).map((u) => ({ text: u.name, weight: 3, unigrams: true })),
    { text: p.cause, weight: 2 },
    { text: p.suggestion, weight: 2 },
  ];
}

/**
 * The search fields to write with a change (`set`) to `before` (a new document: `before` null):
 * none when the searched words stay as they are.
 */
export function withSearchTerms(
  before: (Searchable & { searchTerms?: string[]; searchV?: number }) | null,
  set: Partial<Searchable> | Record<string, unknown>,
): { searchTerms?: string[]; searchV?: number } {
  const next = { ...before, ...set } as Searchable;
  const fields = proposalSearchFields(next);
  if (before && !searchChanged(before, searchTermsOf(fields))) return {};
  return searchSet(fields);
}
