import type { Services } from '../../kernel/action';
import { runPendingJobs } from '../../kernel/jobs';
import { purgeIdempotency } from '../../kernel/once';
// The job kinds the timer may find running (each registers itself).
import '../meetings/notice-job';
import '../meetings/close-job';
import '../members/roster-job';
import '../ledger/recompute-job';
import { applyPendingDutyEvents } from '../ledger/ledger-port';
import { healAccounts } from '../ledger/heal';
import { healNameKeys } from '../members/name-keys';
import { alertOverdue } from '../proposals/overdue';
import { healProposalSearch } from '../proposals/search';
import { healOpinionSearch } from '../opinions/search';
import { remindUnitDeadlines } from '../proposals/unit-notices';
import { DELIVERY, deliverDue } from './delivery';
import { retryMediaRequests, runAnnouncements, timeOutVerdicts } from '../reading';
import { applyPendingDraftLinks, applyPendingMeetingLinks, remindDeadlines } from '../studios';

/**
 * What runs on the clock: duty events a crash or timeout left pending are applied to the
 * ledger (and accounts settled under older replay rules healed, and roster entries without
 * current name keys given them), the daily overdue-proposal
 * alert to the office (queued once a day), handling units' deadline reminders, reading-club images whose check was not requested
 * or whose verdict never came, reading-club announcements, studio outcome drafts left unmade and follow-up deadline
 * reminders, bulk jobs still running, the outbox delivery, and dropping answers kept for
 * retries once they are a week old. The notify function's timer trigger calls it every 10
 * seconds in the cloud; the local runtime every 2 seconds. Each part takes a bounded share, so a
 * backlog (600 notices, a close under way) drains over a few runs, each within the budget of
 * calls an invocation has (scripts/bench/cloud.ts measures a run with a backlog).
 */
export async function onTimer(services: Services): Promise<{
  dutyEvents: number;
  healed: number;
  /** Roster entries given current name keys (written before they were kept). */
  nameKeys: number;
  /** Proposals and opinion reports given current search terms (written before they were kept). */
  searchTerms: number;
  overdue: number;
  /** Proposals whose handling units were reminded of the coming deadline. */
  unitReminders: number;
  /** Reading-club images asked again, or sent to a person for want of a verdict. */
  images: number;
  /** Reading periods whose start was announced (the announcement itself is a job). */
  announcements: number;
  /** Studio outcome drafts made after a crash, and follow-up deadline reminders queued. */
  studios: number;
  /** Bulk jobs still running (meeting notices, a close, an import...): the oldest, a step. */
  jobs: number;
  delivery: Awaited<ReturnType<typeof deliverDue>>;
  purged: number;
}> {
  const dutyEvents = await applyPendingDutyEvents(services, 30);
  const healed = await healAccounts(services);
  const nameKeys = await healNameKeys(services);
  const searchTerms = (await healProposalSearch(services)) + (await healOpinionSearch(services));
  const overdue = await alertOverdue(services);
  const unitReminders = await remindUnitDeadlines(services);
  const images = (await retryMediaRequests(services)) + (await timeOutVerdicts(services));
  const announcements = await runAnnouncements(services);
  const studios =
    (await applyPendingDraftLinks(services)) +
    (await applyPendingMeetingLinks(services)) +
    (await remindDeadlines(services));
  const jobs = await runPendingJobs(services, { jobs: 1, stepsEach: 1 });
  // A job step takes most of a run's budget: the outbox then takes a quarter of its share.
  const delivery = await deliverDue(services, jobs > 0 ? DELIVERY.perRun / 4 : DELIVERY.perRun);
  const purged = await purgeIdempotency(services.store, services.clock.now());
  return {
    dutyEvents,
    healed,
    nameKeys,
    searchTerms,
    overdue,
    unitReminders,
    images,
    announcements,
    studios,
    jobs,
    delivery,
    purged,
  };
}
