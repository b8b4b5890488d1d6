import type { JobView } from '../../typings/contracts/common';
import { isStoreError, type DocumentStore, type StoredDoc, type TxOps } from '../store/port';
import type { Services } from './action';
import { iso } from './clock';
import { describeError } from './logger';

/**
 * Bulk work as a resumable job (ARCHITECTURE principle 11): a job document records how far
 * the work got; each step does one bounded slice (a transaction of at most TX_BATCH items, with
 * derived ids, so a step run twice changes nothing) and moves the cursor on. The command that
 * starts the work writes the job in its own transaction and runs a step or two within its
 * budget; the page that shows the progress asks for more; the timer finishes whatever is left.
 * A runner holds the job under a lease, so two never step it at once; a killed runner's lease
 * runs out and the next one resumes from the cursor.
 */
export interface JobDoc<P = unknown> extends StoredDoc {
  kind: string;
  params: P;
  status: 'running' | 'done' | 'failed';
  /** Items to do, as far as known (0: not counted yet). */
  total: number;
  done: number;
  /** Where the next step starts (the kind's own format); null before the first. */
  cursor: string | null;
  error: string | null;
  /** The runner holding the job, until when. */
  owner: string | null;
  leaseUntil: string | null;
  /** Steps that failed; after MAX_FAILURES the job stops as failed. */
  failures: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface StepResult {
  /** Where the next step starts; null: the work is finished. */
  cursor: string | null;
  /** Items this step did. */
  done: number;
  /** The total, once the step knows it. */
  total?: number;
}

export interface JobKind<P> {
  /** What the job is, for staff (`会议通知`). */
  label: string;
  step(services: Services, job: JobDoc<P>): Promise<StepResult>;
}

const JOBS = 'jobs';
const LEASE_MS = 60_000;
const MAX_FAILURES = 5;
const kinds = new Map<string, JobKind<never>>();

export function jobKind<P>(kind: string, def: JobKind<P>): void {
  kinds.set(kind, def as JobKind<never>);
}

/** The kinds this bundle knows (the timer's must know them all: tests/kernel/jobs.test.ts). */
export function jobKinds(): string[] {
  return [...kinds.keys()].sort();
}

/**
 * Starts (or, with `restart`, starts over) the job `id` inside the caller's transaction. A job
 * still running is left as it is: it will reach the same end.
 */
export async function startJob<P>(
  tx: TxOps,
  spec: { id: string; kind: string; params: P; total?: number; restart?: boolean },
  now: string,
): Promise<void> {
  const fresh = {
    kind: spec.kind,
    params: spec.params,
    status: 'running' as const,
    total: spec.total ?? 0,
    done: 0,
    cursor: null,
    error: null,
    owner: null,
    leaseUntil: null,
    failures: 0,
    updatedAt: now,
    finishedAt: null,
  };
  const prior = await tx.get<JobDoc<P>>(JOBS, spec.id);
  if (!prior) await tx.insert<JobDoc<P>>(JOBS, { _id: spec.id, ...fresh, createdAt: now });
  else if (prior.status !== 'running' && spec.restart)
    await tx.update(JOBS, spec.id, { set: fresh });
}

export function jobView(job: JobDoc | null): JobView | null {
  if (!job) return null;
  return {
    id: job._id,
    label: kinds.get(job.kind)?.label ?? job.kind,
    status: job.status,
    done: job.done,
    total: Math.max(job.total, job.done),
    error: job.error,
  };
}

export async function getJob(
  store: Pick<DocumentStore, 'get'>,
  id: string,
): Promise<JobDoc | null> {
  return store.get<JobDoc>(JOBS, id);
}

/**
 * Runs up to `steps` steps of the job, if no other runner holds it. Answers the job as it
 * then stands. A failing step is counted and left for the next run (after MAX_FAILURES the
 * job stops as failed, with the reason for staff).
 */
export async function runJob(
  services: Services,
  id: string,
  steps: number,
): Promise<JobDoc | null> {
  const owner = services.ids.next('run');
  const claimed = await claim(services, id, owner);
  if (!claimed) return getJob(services.store, id);
  let job = claimed;
  const def = kinds.get(job.kind);
  if (!def) {
    // A bundle that does not know the kind leaves it to one that does (the timer knows all).
    services.log.error('job kind not in this bundle', { job: id, kind: job.kind });
    return release(services, job, owner);
  }
  for (let i = 0; i < steps && job.status === 'running'; i++) {
    const now = () => iso(services.clock.now());
    let set: Partial<JobDoc>;
    let failed = false;
    try {
      const r = await def.step(services, job as JobDoc<never>);
      set = {
        cursor: r.cursor,
        done: job.done + r.done,
        ...(r.total !== undefined ? { total: r.total } : {}),
        ...(r.cursor === null ? { status: 'done' as const, finishedAt: now() } : {}),
        error: null,
        updatedAt: now(),
      };
    } catch (e) {
      services.log.error('job step failed', { job: id, ...describeError(e) });
      failed = true;
      const failures = job.failures + 1;
      set = {
        failures,
        error: e instanceof Error ? e.message : String(e),
        ...(failures >= MAX_FAILURES ? { status: 'failed' as const, finishedAt: now() } : {}),
        updatedAt: now(),
      };
    }
    const leaseUntil = leaseFrom(services);
    // Only while this runner still holds it: a runner that lost the lease stops.
    const kept = await services.store.update(
      JOBS,
      id,
      { set: { ...set, leaseUntil } },
      { if: { owner } },
    );
    if (!kept) return getJob(services.store, id);
    job = { ...job, ...set, leaseUntil } as JobDoc;
    if (failed) break; // a failure waits for the next run
  }
  return release(services, job, owner);
}

/** Lets go of the job (if `owner` still holds it); answers it as it then stands. */
async function release(services: Services, job: JobDoc, owner: string): Promise<JobDoc> {
  await services.store.update(
    JOBS,
    job._id,
    { set: { owner: null, leaseUntil: null } },
    { if: { owner } },
  );
  return { ...job, owner: null, leaseUntil: null };
}

function leaseFrom(services: Pick<Services, 'clock'>): string {
  return new Date(services.clock.now().getTime() + LEASE_MS).toISOString();
}

/** A failed job set going again from where it stopped (staff asked: 继续). */
export async function resumeJob(store: DocumentStore, id: string, now: string): Promise<void> {
  await store.update(
    JOBS,
    id,
    { set: { status: 'running', failures: 0, finishedAt: null, updatedAt: now } },
    { if: { status: 'failed' } },
  );
}

/** Takes the job for `owner` if it runs and nobody holds it (or the holder's lease ran out). */
async function claim(services: Services, id: string, owner: string): Promise<JobDoc | null> {
  const job = await getJob(services.store, id);
  if (!job || job.status !== 'running') return null;
  const now = iso(services.clock.now());
  if (job.owner && job.leaseUntil && job.leaseUntil > now) return null;
  const leaseUntil = leaseFrom(services);
  const won = await services.store.update(
    JOBS,
    id,
    { set: { owner, leaseUntil } },
    { if: { status: 'running', owner: job.owner, leaseUntil: job.leaseUntil } },
  );
  return won ? { ...job, owner, leaseUntil } : null;
}

/** From the timer: a step or so of the jobs still running that waited longest. */
export async function runPendingJobs(
  services: Services,
  { jobs = 10, stepsEach = 3 }: { jobs?: number; stepsEach?: number } = {},
): Promise<number> {
  const running = await services.store.find<JobDoc>(JOBS, {
    where: { status: 'running' },
    orderBy: [['updatedAt', 'asc']],
    limit: jobs,
  });
  for (const job of running) await runJob(services, job._id, stepsEach);
  return running.length;
}

/**
 * One batch's transaction in a job step: first trusting what the step read before it (`fresh`:
 * inserts without a read each); if a step cut short left some of it written already (the
 * insert's DUPLICATE ends the transaction), again reading each one first.
 */
export async function batchTransaction(
  store: Pick<DocumentStore, 'transaction'>,
  work: (tx: TxOps, fresh: boolean) => Promise<void>,
): Promise<void> {
  try {
    await store.transaction((tx) => work(tx, true));
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e;
    await store.transaction((tx) => work(tx, false));
  }
}
