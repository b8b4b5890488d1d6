/**
 * What this app changed while a page was hidden: bumped by a save, a submission or a decision,
 * read by the resource page when it is shown again, so a list or a detail page reloads only
 * when something it shows may have changed. One counter per topic.
 */
export type ChangeTopic =
  | 'proposals'
  | 'opinions'
  | 'meetings'
  | 'ledger'
  | 'members'
  | 'inbox'
  | 'reading'
  | 'studios'
  | 'speeches';

const counters: Record<ChangeTopic, number> = {
  proposals: 0,
  opinions: 0,
  meetings: 0,
  ledger: 0,
  members: 0,
  inbox: 0,
  reading: 0,
  studios: 0,
  speeches: 0,
};

export function markChanged(...topics: ChangeTopic[]): void {
  for (const topic of topics) counters[topic] += 1;
}

/** One number for a set of topics: it moves when any of them changed. */
export function changeCount(topics: readonly ChangeTopic[]): number {
  return topics.reduce((sum, topic) => sum + counters[topic], 0);
}
