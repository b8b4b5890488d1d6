import type { Services } from '../../kernel/action';
import { auditJob } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { jobKind, type JobDoc, type StepResult } from '../../kernel/jobs';
import type { AccountDoc } from './facts';
import type { Actor } from './ledger-port';
import { activePolicy } from './policy-store';
import { toPoints } from './points';
import { settle } from './settle';

/**
 * Applying a year's policy version to every account (重算积分), as a job: each step re-settles
 * RECOMPUTE_BATCH accounts in member-id order, one transaction each (adjusting entries, never
 * edits). An account already on the version is skipped, so a step run twice changes nothing; a
 * newer version published meanwhile ends this job (its own recompute takes over).
 */
export const RECOMPUTE_JOB = 'ledger.recompute';

export interface RecomputeParams {
  year: number;
  version: number;
  actor: Actor;
}

export const recomputeJobId = (year: number, version: number) => `recompute:${year}:v${version}`;

/** Accounts per step: each is a transaction of about six calls. */
export const RECOMPUTE_BATCH = 25;

async function step(services: Services, job: JobDoc<RecomputeParams>): Promise<StepResult> {
  const { year, version, actor } = job.params;
  const [policy, batch, total] = await Promise.all([
    activePolicy(services.store, year),
    services.store.find<AccountDoc>('point_accounts', {
      where: { year, ...(job.cursor ? { memberId: { $gt: job.cursor } } : {}) },
      orderBy: [['memberId', 'asc']],
      limit: RECOMPUTE_BATCH,
    }),
    job.cursor === null ? services.store.count('point_accounts', { year }) : undefined,
  ]);
  if (policy.version !== version) return { cursor: null, done: 0 };
  const at = iso(services.clock.now());
  for (const { _id } of batch.filter((a) => a.policyVersion !== version))
    await services.store.transaction(async (tx) => {
      const account = await tx.get<AccountDoc>('point_accounts', _id);
      if (!account || account.policyVersion === version) return;
      const { account: next, entries } = settle(account, policy.body, version, {
        kind: 'policy',
        actorId: actor.id,
        actorName: actor.name,
        at,
      });
      for (const e of entries) await tx.insert('point_entries', e);
      const { _id: _, facts: _facts, ...changed } = next;
      await tx.update('point_accounts', _id, { set: changed });
      if (entries.length)
        await auditJob(
          tx,
          services,
          { action: 'ledger.applyRecompute', actor, jobId: job._id },
          {
            targetType: 'pointAccount',
            targetId: _id,
            before: { total: toPoints(account.total), version: account.policyVersion },
            after: { total: toPoints(next.total), version },
          },
        );
    });
  return {
    cursor: batch.length < RECOMPUTE_BATCH ? null : batch.at(-1)!.memberId,
    done: batch.length,
    ...(total !== undefined ? { total } : {}),
  };
}

jobKind<RecomputeParams>(RECOMPUTE_JOB, { label: '重算积分', step });
