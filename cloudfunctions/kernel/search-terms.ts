/**
 * Full-text search that works the same on SQLite and on CloudBase: each searchable document
 * keeps `searchTerms`, the normalised terms of its text (Chinese character bigrams, Latin and
 * digit words, unigrams of short fields such as names, and tagged exact values such as a case
 * number), and `searchV`, the recipe's version. A query is cut the same way; the store finds
 * the documents holding a covering subset of its terms (`$all`, one indexed read), and the
 * candidates, bounded, are ranked here on their text: more of the query's terms first, then
 * where its words stand whole (a title before a name before the body).
 */
import type { Page } from '../../typings/contracts/envelope';
import type { DocumentStore, StoredDoc, Where } from '../store/port';

/** Bump when the recipe changes: the timer then rewrites every document's terms. */
export const SEARCH_TERMS_VERSION = 1;

/** Versions older than today's (null: none, written before terms were kept). */
export const STALE_SEARCH_VERSIONS = [
  null,
  ...Array.from({ length: SEARCH_TERMS_VERSION - 1 }, (_, i) => i + 1),
];

/** At most this many terms per document (a long body's bigrams; far under the 512 KB limit). */
const MAX_TERMS = 4000;
/** At most this many of a query's terms go to the store; the rest only rank. */
const MAX_COVER = 8;
/** Candidates ranked per search: the most recently changed matches. */
export const SEARCH_CANDIDATES = 100;

/** One field of a document as search sees it. */
export interface SearchField {
  text: string | null | undefined;
  /** How much a whole query word found here counts (title 6, number 6, name 4, unit 3, body 2). */
  weight: number;
  /** Short fields (names, units, titles) also keep single characters, so `王` finds 王芳. */
  unigrams?: boolean;
  /** An exact value kept as one tagged term (a case number), found only whole. */
  exact?: string;
}

export interface SearchQuery {
  /** The query's words, normalised (for ranking by where they stand whole). */
  words: string[];
  /** Every term of the query. */
  terms: string[];
  /** The subset the store must find (every character of the query covered). */
  cover: string[];
}

const HAN = /\p{Script=Han}+|[a-z0-9]+/gu;

/** Full-width to half-width, compatibility forms folded, Latin letters lower-cased. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): string[] {
  return normalizeSearchText(text).match(HAN) ?? [];
}

const isLatin = (run: string) => /^[a-z0-9]/.test(run);

function bigrams(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** The tagged term of an exact value (`#2026-0001`). */
export const exactTerm = (value: string) => `#${normalizeSearchText(value)}`;

/** The terms a document keeps, sorted and without repeats. */
export function searchTermsOf(fields: SearchField[]): string[] {
  const terms = new Set<string>();
  for (const f of fields) {
    if (f.exact) terms.add(exactTerm(f.exact));
    for (const run of runsOf(f.text ?? '')) {
      if (isLatin(run)) {
        terms.add(run);
        continue;
      }
      if (run.length === 1 || f.unigrams) for (const ch of run) terms.add(ch);
      for (const b of bigrams(run)) terms.add(b);
    }
  }
  return [...terms].sort().slice(0, MAX_TERMS);
}

/** The search fields' patch: terms and recipe version. */
export function searchSet(fields: SearchField[]): { searchTerms: string[]; searchV: number } {
  return { searchTerms: searchTermsOf(fields), searchV: SEARCH_TERMS_VERSION };
}

/**
 * A query cut into terms: a Chinese run of one character is that character, a longer one its
 * bigrams (the cover takes every other one, and the last, so every character is in it); a Latin
 * or digit word is itself. `exact` (a case number, recognised by the caller) is one tagged term.
 * Null when nothing searchable is left.
 */
export function searchQueryOf(keyword: string, exact?: string | null): SearchQuery | null {
  if (exact) {
    const term = exactTerm(exact);
    return { words: [normalizeSearchText(exact)], terms: [term], cover: [term] };
  }
  const runs = runsOf(keyword);
  if (!runs.length) return null;
  const terms = new Set<string>();
  const cover = new Set<string>();
  for (const run of runs) {
    if (isLatin(run) || run.length === 1) {
      terms.add(run);
      cover.add(run);
      continue;
    }
    const grams = bigrams(run);
    grams.forEach((g, i) => {
      terms.add(g);
      if (i % 2 === 0 || i === grams.length - 1) cover.add(g);
    });
  }
  return { words: [...new Set(runs)], terms: [...terms], cover: spread([...cover], MAX_COVER) };
}

/** At most `n` of `list`, taken evenly from end to end. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.round((i * (list.length - 1)) / (n - 1))]!);
}

/** The store's condition for a query: the documents holding every term of its cover. */
export function searchWhere(query: SearchQuery): Where {
  return { searchTerms: { $all: query.cover } };
}

/**
 * How well a document answers the query (higher first): the share of the query's terms it
 * holds (ten points for all), then, per query word, the weight of the best field holding that
 * word whole, and a little for each further time a word stands in the body.
 */
export function searchScore(query: SearchQuery, terms: string[], fields: SearchField[]): number {
  const held = new Set(terms);
  const matched = query.terms.filter((t) => held.has(t)).length;
  let score = (10 * matched) / query.terms.length;
  const texts = fields.map((f) => ({
    weight: f.weight,
    text: normalizeSearchText(`${f.text ?? ''} ${f.exact ?? ''}`),
  }));
  for (const word of query.words) {
    let best = 0;
    let repeats = 0;
    for (const f of texts) {
      const times = f.text.split(word).length - 1;
      if (times > 0) best = Math.max(best, f.weight);
      repeats += Math.max(0, times - 1);
    }
    score += best + Math.min(repeats, 5) * 0.2;
  }
  return score;
}

/**
 * One page of a ranked search: the `SEARCH_CANDIDATES` most recently changed documents under
 * `where` that hold the query's cover, ranked by `searchScore` (ties: most recent first). The
 * total counts what was ranked, so it stays within the candidates.
 */
export async function rankedPage<D extends StoredDoc & { searchTerms?: string[] }, V>(
  store: DocumentStore,
  collection: string,
  search: {
    where: Where;
    query: SearchQuery;
    fields: (doc: D) => SearchField[];
    page: number;
    pageSize: number;
  },
  view: (doc: D) => V,
): Promise<Page<V>> {
  const { where, query, fields, page, pageSize } = search;
  const docs = await store.find<D>(collection, {
    where: { ...where, ...searchWhere(query) },
    orderBy: [['updatedAt', 'desc']],
    limit: SEARCH_CANDIDATES,
  });
  const ranked = docs
    .map((doc, i) => ({ doc, i, score: searchScore(query, doc.searchTerms ?? [], fields(doc)) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const start = (page - 1) * pageSize;
  return {
    items: ranked.slice(start, start + pageSize).map((r) => view(r.doc)),
    total: ranked.length,
    page,
    pageSize,
  };
}

/** Whether the fields a document is searched by differ from what its terms were made of. */
export function searchChanged(
  stored: { searchTerms?: string[]; searchV?: number },
  next: string[],
): boolean {
  if (stored.searchV !== SEARCH_TERMS_VERSION) return true;
  const old = stored.searchTerms ?? [];
  return old.length !== next.length || old.some((t, i) => t !== next[i]);
}
