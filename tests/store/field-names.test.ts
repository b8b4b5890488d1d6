import { COLLECTIONS } from '../../cloudfunctions/store/indexes';
import { seedDemoActivity } from '../../scripts/local/demo-activity';
import { makeHarness } from '../support/harness';

/**
 * MongoDB-based stores (CloudBase) refuse field names with `.` or a leading `$`. Every document
 * the lived-in demo writes (a meeting closed into the ledger, proposals at every stage, opinion
 * reports, notices delivered) is walked, at every depth.
 */
describe('stored field names', () => {
  it('never contain a dot or start with $ in anything the demo activity writes', async () => {
    const h = await makeHarness();
    await seedDemoActivity(h.services, h.clock.now());
    const tables = (
      h.store as unknown as { db: { prepare(sql: string): { all(): Array<{ name: string }> } } }
    ).db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name);
    const bad: string[] = [];
    let documents = 0;
    for (const collection of new Set([...tables, ...Object.keys(COLLECTIONS)])) {
      if (!/^[a-z][a-z0-9_]*$/.test(collection)) continue;
      for (const doc of await h.store.find<Record<string, unknown> & { _id: string }>(collection)) {
        documents += 1;
        const stack: Array<[unknown, string]> = [[doc, `${collection}/${doc._id}`]];
        while (stack.length) {
          const [v, path] = stack.pop()!;
          if (typeof v !== 'object' || v === null) continue;
          for (const [k, child] of Object.entries(v)) {
            if (!Array.isArray(v) && (k.includes('.') || k.startsWith('$')))
              bad.push(`${path}.${k}`);
            stack.push([child, `${path}.${k}`]);
          }
        }
      }
    }
    expect(documents).toBeGreaterThan(300);
    expect(await h.store.count('point_accounts')).toBeGreaterThan(10);
    expect(bad).toEqual([]);
    await h.close();
  });
});
