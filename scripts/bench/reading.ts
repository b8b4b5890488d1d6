import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { FeedPage, PostDetail } from '../../typings/contracts/reading';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import type { BindingDoc, MemberDoc } from '../../cloudfunctions/kernel/identity';
import { createDispatcher } from '../../cloudfunctions/kernel/pipeline';
import { forEachLimit } from '../../cloudfunctions/kernel/concurrency';
import { readingHandlers } from '../../cloudfunctions/modules/reading';
import {
  feedKeyOf,
  rankKeyOf,
  type GroupDoc,
  type PostDoc,
} from '../../cloudfunctions/modules/reading/model';
import type { Handler } from '../../cloudfunctions/kernel/action';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { localServices } from '../local/services';

export interface ReadingBenchResult {
  posts: number;
  groups: number;
  members: number;
  loadSeconds: number;
  firstPageMs: number;
  page50Ms: number;
  floorFirstMs: number;
  floor50Ms: number;
  storeCallsPerPage: number;
  storeCallsPerPageSmall: number;
  usesIndex: boolean;
  published: number;
  postsPerSecond: number;
}

const BODY =
  '读《乡土中国》有感：差序格局让我想到基层协商中熟人社会的力量，议事会把规则与人情结合起来，值得在提案中关注。';

/**
 * A committee year of the reading club in the store (posts written straight into the SQLite
 * file, as the write path would leave them), then: a group's feed, first page and 50th page by
 * cursor, through the real pipeline against a hand-written indexed SQL query for the same rows;
 * the store calls one feed page makes, at this size and at a tiny one; and notes published
 * through the pipeline (content check, store, counters, points record) per second.
 */
export async function benchReading(
  posts = 1_000_000,
  groups = 150,
  members = 3000,
): Promise<ReadingBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reading-'));
  try {
    const big = await club(join(dir, 'big.db'), posts, groups, members);
    const small = await club(join(dir, 'small.db'), 200, groups, members);
    const feedOf = (s: Awaited<ReturnType<typeof club>>, cursor?: string) =>
      s.call<FeedPage>('bench-reader', 'reading.feed', { scope: 'group', groupId: 'g0', cursor });

    // Walk to page 50 by cursor (or the last page a smaller run has) and keep its cursor.
    let cursor: string | undefined;
    for (let i = 1; i < 50; i++) {
      const next = (await feedOf(big, cursor)).nextCursor;
      if (!next) break;
      cursor = next;
    }
    const firstPageMs = await timed(() => feedOf(big));
    const page50Ms = await timed(() => feedOf(big, cursor));

    const raw = new Database(join(dir, 'big.db'), { readonly: true });
    const base = `SELECT doc FROM reading_posts WHERE json_extract(doc, '$.groupId') = ? AND json_extract(doc, '$.visible') = 1`;
    const order = `ORDER BY json_extract(doc, '$.feedKey') DESC LIMIT 21`;
    const first = raw.prepare(`${base} ${order}`);
    const after = raw.prepare(`${base} AND json_extract(doc, '$.feedKey') < ? ${order}`);
    const rows = (r: unknown[]) => r.map((x) => JSON.parse((x as { doc: string }).doc) as unknown);
    const floor = (c: string | null) => async () => rows(c ? after.all('g0', c) : first.all('g0'));
    const floorFirstMs = await timed(floor(null));
    const floor50Ms = await timed(floor(cursor ?? null));
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT doc FROM reading_posts WHERE json_extract(doc, '$.groupId') = 'g0' AND json_extract(doc, '$.visible') = 1
         AND json_extract(doc, '$.feedKey') < 'x' ORDER BY json_extract(doc, '$.feedKey') DESC, _id ASC LIMIT 21`,
      )
      .all() as Array<{ detail: string }>;
    raw.close();

    const storeCallsPerPage = await callsFor(big, () => feedOf(big));
    const storeCallsPerPageSmall = await callsFor(small, () => feedOf(small));

    // Publishing: saveDraft + publish per note, 16 members at once.
    const N = 2000;
    const drafts: string[] = [];
    for (let i = 0; i < N; i++) {
      const d = await big.call<PostDetail>(`bench-${i % 100}`, 'reading.saveDraft', {
        clientDraftId: `bench-draft-${String(i).padStart(6, '0')}`,
        revision: 1,
        groupId: `g${i % groups}`,
        title: `心得 ${i}`,
        body: BODY,
      });
      drafts.push(d.id);
    }
    const started = process.hrtime.bigint();
    let published = 0;
    await forEachLimit(drafts, 16, async (id) => {
      const i = drafts.indexOf(id);
      const p = await big.call<PostDetail>(`bench-${i % 100}`, 'reading.publish', { postId: id });
      if (p.status === 'published') published += 1;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await big.store.close();
    await small.store.close();
    return {
      posts,
      groups,
      members,
      loadSeconds: big.loadSeconds,
      firstPageMs,
      page50Ms,
      floorFirstMs,
      floor50Ms,
      storeCallsPerPage,
      storeCallsPerPageSmall,
      usesIndex: plan.some((p) => /USING INDEX ix_reading_posts_group_feed/.test(p.detail)),
      published,
      postsPerSecond: published / seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of 25 runs, in ms. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t = process.hrtime.bigint();
    await fn();
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

async function callsFor(
  s: { counter: { n: number } },
  fn: () => Promise<unknown>,
): Promise<number> {
  s.counter.n = 0;
  await fn();
  return s.counter.n;
}

async function club(path: string, posts: number, groups: number, members: number) {
  const store = new SqliteStore(path);
  const clock = new ManualClock('2026-05-01T02:00:00.000Z');
  const at = '2026-01-01T00:00:00.000Z';
  await store.transaction(async (tx) => {
    await tx.insert('reading_periods', {
      _id: 'p1',
      title: '2026 年读书季',
      theme: '乡村振兴',
      description: '',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    for (let g = 0; g < groups; g++) {
      const doc: GroupDoc = {
        _id: `g${g}`,
        periodId: 'p1',
        name: `读书群${g}`,
        theme: '',
        bookIds: [],
        ownerId: 'm0',
        ownerName: '委员0',
        audience: { kind: 'everyone', values: [] },
        open: true,
        postCount: 0,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await tx.insert('reading_groups', doc);
    }
    for (let i = 0; i <= members; i++) {
      const openid = i === members ? 'bench-reader' : `bench-${i}`;
      const doc: MemberDoc = {
        _id: `m${i}`,
        name: `委员${i}`,
        gender: null,
        sector: `界别${i % 34}`,
        specialCommittee: null,
        standingMember: false,
        phone: null,
        term: null,
        roles: ['member'],
        active: true,
        openid,
        boundAt: at,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await tx.insert('members', doc);
      await tx.insert<BindingDoc>('bindings', {
        _id: openid,
        memberId: doc._id,
        method: 'invite',
        boundAt: at,
      });
    }
  });
  const t = process.hrtime.bigint();
  const raw = new Database(path);
  const insert = raw.prepare('INSERT INTO reading_posts (_id, doc) VALUES (?, ?)');
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `rp${String(i).padStart(7, '0')}`;
      const createdAt = new Date(Date.parse(at) + i * 10_000).toISOString();
      const feedKey = feedKeyOf(createdAt, id);
      const m = i % members;
      const doc: PostDoc = {
        _id: id,
        kind: i % 3 === 0 ? 'checkIn' : 'note',
        groupId: `g${i % groups}`,
        groupName: `读书群${i % groups}`,
        periodId: 'p1',
        bookId: null,
        bookTitle: null,
        authorId: `m${m}`,
        authorName: `委员${m}`,
        authorSector: `界别${m % 34}`,
        title: i % 3 === 0 ? '' : `心得 ${i}`,
        body: BODY,
        photos: [],
        status: 'published',
        visible: true,
        text: { verdict: 'pass', reason: null },
        images: [],
        approved: false,
        reportsSeen: 0,
        queue: null,
        queueKey: null,
        moderationNote: null,
        featured: i % 97 === 0,
        likeCount: i % 7,
        commentCount: i % 3,
        reportCount: 0,
        clientDraftId: null,
        revision: 1,
        day: null,
        feedKey,
        rankKey: rankKeyOf(i % 97 === 0, feedKey),
        createdAt,
        publishedAt: createdAt,
        updatedAt: createdAt,
        version: 2,
      };
      insert.run(id, JSON.stringify(doc));
    }
  });
  for (let i = 0; i < posts; i += 20_000) batch(i, Math.min(posts, i + 20_000));
  raw.exec('ANALYZE');
  raw.close();
  const loadSeconds = Number(process.hrtime.bigint() - t) / 1e9;

  const counter = { n: 0 };
  const counted = countingStore(store, counter);
  const services: Services = { ...localServices(store, clock), store: counted };
  const dispatch = createDispatcher(
    'reading',
    readingHandlers as unknown as Record<string, Handler>,
    services,
  );
  const call = async <T>(openid: string, action: string, payload: unknown): Promise<T> => {
    const res = (await dispatch({ action, payload }, { openid })) as ResponseEnvelope<T>;
    if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
    return res.data;
  };
  return { store, call, counter, loadSeconds };
}

/** Counts the store operations a request makes (each one a round trip on CloudBase). */
function countingStore(store: DocumentStore, counter: { n: number }): DocumentStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'transaction' || prop === 'close')
        return typeof v === 'function' ? v.bind(target) : v;
      return (...args: unknown[]) => {
        counter.n += 1;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
