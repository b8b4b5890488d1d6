import { ledger, type PolicyView } from '../../../typings/contracts/ledger';
import { ADMIN, command, handle } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import {
  activePolicy,
  draftId,
  publishedId,
  type PolicyDoc,
  type PolicyHeadDoc,
} from './policy-store';

/** The policy in force for a year (members may read it: they should know the rules), or the draft (admins). */
export const getPolicy = handle(ledger.getPolicy, 'member', async (ctx, input) => {
  const year = input.year ?? businessYear(ctx.clock.now());
  if (input.draft) {
    if (!ctx.caller.roles.has('admin')) throw fail('AUTH.FORBIDDEN');
    const draft = await ctx.store.get<PolicyDoc>('point_policies', draftId(year));
    if (!draft) throw fail('LEDGER.NO_DRAFT');
    return view(draft, year);
  }
  const active = await activePolicy(ctx.store, year);
  return active.doc
    ? view(active.doc, year)
    : {
        ...active.body,
        year,
        version: 0,
        status: 'default' as const,
        publishedAt: null,
        publishedBy: null,
      };
});

/** Saves the admin's draft for a year (replacing the previous draft). Audited. */
export const saveDraftPolicy = command(
  ledger.saveDraftPolicy,
  ADMIN,
  async (ctx, { year, policy }) =>
    once(ctx, async (tx) => {
      const now = iso(ctx.clock.now());
      const before = await tx.get<PolicyDoc>('point_policies', draftId(year));
      const doc: PolicyDoc = {
        _id: draftId(year),
        year,
        version: null,
        status: 'draft',
        body: policy,
        savedAt: now,
        savedBy: ctx.caller.member!.name,
      };
      if (before) await tx.remove('point_policies', doc._id);
      await tx.insert('point_policies', doc);
      await audit(tx, ctx, {
        targetType: 'policy',
        targetId: doc._id,
        before: before?.body ?? null,
        after: policy,
      });
      return view(doc, year);
    }),
);

/**
 * Publishes the draft as the year's next version. Entries already posted keep the version
 * they were computed under; `previewRecompute` / `applyRecompute` bring them in line.
 */
export const publishPolicy = command(ledger.publishPolicy, ADMIN, async (ctx, { year }) =>
  once(ctx, async (tx) => {
    const draft = await tx.get<PolicyDoc>('point_policies', draftId(year));
    if (!draft) throw fail('LEDGER.NO_DRAFT');
    const head = await tx.get<PolicyHeadDoc>('point_policy_heads', String(year));
    const version = (head?.version ?? 0) + 1;
    const now = iso(ctx.clock.now());
    const doc: PolicyDoc = {
      ...draft,
      _id: publishedId(year, version),
      version,
      status: 'published',
      savedAt: now,
      savedBy: ctx.caller.member!.name,
    };
    await tx.insert('point_policies', doc);
    if (head) await tx.update('point_policy_heads', head._id, { set: { version } });
    else await tx.insert<PolicyHeadDoc>('point_policy_heads', { _id: String(year), version });
    await tx.remove('point_policies', draft._id);
    await audit(tx, ctx, {
      targetType: 'policy',
      targetId: doc._id,
      before: { version: head?.version ?? 0 },
      after: { version },
    });
    return view(doc, year);
  }),
);

function view(doc: PolicyDoc, year: number): PolicyView {
  return {
    ...doc.body,
    year,
    version: doc.version ?? 0,
    status: doc.status,
    publishedAt: doc.status === 'published' ? doc.savedAt : null,
    publishedBy: doc.status === 'published' ? doc.savedBy : null,
  };
}
