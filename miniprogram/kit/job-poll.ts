/**
 * Bulk work the backend does as a job (notices to 600 invitees, closing a meeting, a roster
 * import) moves on a few batches per call: while a page shows one running, it asks again every
 * ASK_EVERY_MS with `ask` (which answers the job as it then stands) and hands each answer to
 * `show`. A dropped network just asks again later (the timer moves the job meanwhile). One poller
 * per component instance: `pollerOf(this, ...)`; stop it when the component is detached.
 */
import type { JobView } from '../../typings/contracts';

/** A pause between asks (each moves up to a hundred items on). */
export const ASK_EVERY_MS = 1000;

export interface JobPoller {
  /** Asks again after the pause (replacing an ask already waiting). */
  schedule(): void;
  /** Asks now, and goes on while the job runs. */
  askNow(): Promise<void>;
  stop(): void;
}

const pollers = new WeakMap<object, JobPoller>();

export function pollerOf<T>(
  owner: object,
  ask: () => Promise<T>,
  jobOf: (answer: T) => JobView | null,
  show: (answer: T) => void | Promise<void>,
): JobPoller {
  const known = pollers.get(owner);
  if (known) return known;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poller: JobPoller = {
    schedule() {
      poller.stop();
      timer = setTimeout(() => {
        timer = undefined;
        void poller.askNow();
      }, ASK_EVERY_MS);
    },
    async askNow() {
      let answer: T;
      try {
        answer = await ask();
      } catch {
        poller.schedule();
        return;
      }
      await show(answer);
      if (jobOf(answer)?.status === 'running') poller.schedule();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
  pollers.set(owner, poller);
  return poller;
}

/** The owner's poller, if it made one (to stop it). */
export function stopPolling(owner: object): void {
  pollers.get(owner)?.stop();
}
