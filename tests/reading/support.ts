import type { Harness } from '../support/harness';
import type { GroupSummary, PostDetail, ReadingPeriod } from '../../typings/contracts/reading';

export const MEMBER = 'demo-member-01';
export const OTHER = 'demo-member-02';
export const THIRD = 'demo-member-04';
export const STAFF = 'demo-staff';

export const NOTE_BODY = '读《乡土中国》第三章，想到我们社区议事会的做法，很有启发。';

/** A current period (around the harness's clock), one book and one group for everyone. */
export async function aClub(h: Harness, audience: object = { kind: 'everyone', values: [] }) {
  const period = await h.ok<ReadingPeriod>(STAFF, 'reading.savePeriod', {
    title: '2026 年上半年',
    theme: '乡村振兴',
    startsOn: '2026-01-01',
    endsOn: '2026-06-30',
  });
  const book = await h.ok<{ id: string }>(STAFF, 'reading.saveBook', {
    periodId: period.id,
    title: '乡土中国',
    author: '费孝通',
    vetted: true,
  });
  const owner = h.seed.accounts.find((a) => a.openid === OTHER)!;
  const ownerId = (await h.ok<{ id: string }>(OTHER, 'members.getMyProfile', {})).id;
  void owner;
  const group = await h.ok<GroupSummary>(STAFF, 'reading.saveGroup', {
    periodId: period.id,
    name: '乡村振兴读书群',
    bookIds: [book.id],
    ownerId,
    audience,
  });
  return { period, book, group, ownerId };
}

let draftNo = 0;

/** A note saved and published by `openid`. */
export async function aNote(
  h: Harness,
  openid: string,
  groupId: string,
  fields: { title?: string; body?: string; photos?: Array<{ fileId: string; name: string }> } = {},
): Promise<PostDetail> {
  draftNo += 1;
  const draft = await h.ok<PostDetail>(openid, 'reading.saveDraft', {
    clientDraftId: `draft-${String(draftNo).padStart(6, '0')}`,
    revision: 1,
    groupId,
    title: fields.title ?? '读书心得一则',
    body: fields.body ?? NOTE_BODY,
    photos: fields.photos ?? [],
  });
  return h.ok<PostDetail>(openid, 'reading.publish', { postId: draft.id });
}
