import type { Services } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import { NAME_KEYS_VERSION, nameKeysOf } from '../../kernel/people-order';

/** Versions of the name keys older than today's (null: none, written before keys were kept). */
const STALE = [null, ...Array.from({ length: NAME_KEYS_VERSION - 1 }, (_, i) => i + 1)];

/**
 * Fills in the name keys (sort orders, pinyin search) of roster entries written before they
 * were kept, or under an older recipe, a batch at a time (the timer calls it). Each entry is
 * written only while its name is still the one the keys were made from, so a rename meanwhile
 * (which writes its own keys) is never undone; `version` and `updatedAt` stay, as nobody
 * changed the entry.
 */
export async function healNameKeys(services: Pick<Services, 'store'>, limit = 50): Promise<number> {
  const stale = await services.store.find<MemberDoc>('members', {
    where: { 'nameKeys.v': { $in: STALE } },
    limit,
  });
  const written = await Promise.all(
    stale.map(async (m) =>
      services.store.update(
        'members',
        m._id,
        { set: { nameKeys: await nameKeysOf(m.name) } },
        { if: { name: m.name } },
      ),
    ),
  );
  return written.filter(Boolean).length;
}
