import type { DocumentStore } from '../../store/port';
import type { MeetingDoc } from './model';

/**
 * The plenary meetings (全体会议) starting from `from` (an instant) until `until`, published or
 * held: what a speech (大会发言) may be written for. The meetings module's own read, so others
 * need not know how meetings are stored.
 */
export async function plenaryMeetings(
  store: Pick<DocumentStore, 'find'>,
  from: string,
  until: string,
): Promise<Array<{ meetingId: string; title: string; startsAt: string }>> {
  const found = await store.find<MeetingDoc>('meetings', {
    where: { endsAt: { $gte: from }, startsAt: { $lt: until } },
    orderBy: [
      ['endsAt', 'asc'],
      ['startsAt', 'asc'],
    ],
    limit: 200,
  });
  return found
    .filter((m) => m.kind === 'plenary' && (m.status === 'published' || m.status === 'closed'))
    .map((m) => ({ meetingId: m._id, title: m.title, startsAt: m.startsAt }));
}

/** One plenary meeting by id, or null when there is none (or it is not a plenary). */
export async function plenaryMeeting(
  store: Pick<DocumentStore, 'get'>,
  meetingId: string,
): Promise<{ meetingId: string; title: string; startsAt: string } | null> {
  const m = await store.get<MeetingDoc>('meetings', meetingId);
  if (!m || m.kind !== 'plenary' || m.status === 'draft' || m.status === 'cancelled') return null;
  return { meetingId: m._id, title: m.title, startsAt: m.startsAt };
}
