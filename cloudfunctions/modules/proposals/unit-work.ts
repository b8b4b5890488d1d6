import {
  proposals,
  type AssignedUnit,
  type UnitProposalView,
  type UnitReplyDraft,
  type UnitTask,
} from '../../../typings/contracts/proposals';
import { command, handle, type ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { enqueue } from '../notify/outbox';
import { currentSettings } from '../settings';
import { mustGet } from './access';
import { change, type Change } from './handling';
import type { ProposalDoc } from './model';
import { officeStaff, toOffice, toUnits, unitContacts } from './unit-notices';
import { abilities, isOpen, repliedThisRound, toTask, toUnitView } from './unit-views';

/**
 * A handling unit's own work, done by its contact accounts (role `unit`): the list of what it
 * was given, 签收 or an objection, the reply (text, proposed class, the stamped letter), the
 * co-handling units' sign-off (会签), extension requests. The office reviews the reply
 * (unit-review.ts). A unit sees only proposals given to it, and of those never another unit's
 * work nor anyone's phone number.
 */
const UNIT = ['unit'] as const;

/** The calling account's unit. */
function myUnitId(ctx: ActionContext): string {
  const unitId = ctx.caller.member!.unitId;
  if (!unitId) throw fail('AUTH.FORBIDDEN', '该账号未关联承办单位，请联系提案办');
  return unitId;
}

/** The proposal and this unit's assignment on it; not found when it was not given to the unit. */
async function mine(ctx: ActionContext, proposalId: string) {
  const unitId = myUnitId(ctx);
  const p = await mustGet(ctx, proposalId);
  const unit = p.status === 'accepted' ? p.handling?.units.find((u) => u.unitId === unitId) : null;
  if (!unit) throw fail('PROPOSAL.NOT_FOUND');
  return { p, unit, unitId };
}

export const unitQueue = handle(proposals.unitQueue, UNIT, async (ctx, input) => {
  const unitId = myUnitId(ctx);
  const given = await ctx.store.find<ProposalDoc>('proposals', {
    where: { status: 'accepted', unitIds: { $contains: unitId } },
    orderBy: [['updatedAt', 'desc']],
    limit: 1000,
  });
  const now = ctx.clock.now();
  const open: UnitTask[] = [];
  const answered: UnitTask[] = [];
  for (const p of given) {
    const h = p.handling!;
    const u = h.units.find((x) => x.unitId === unitId)!;
    // Joint handling stays open for the co-handlers until the lead's reply is recorded.
    (isOpen(h) && !repliedThisRound(h, u) ? open : answered).push(toTask(p, unitId, now));
  }
  const list = input.queue === 'open' ? open : answered;
  // Those waiting on the unit first, the nearest deadline first among them.
  if (input.queue === 'open')
    list.sort(
      (a, b) =>
        Number(b.next !== '') - Number(a.next !== '') ||
        (a.deadline ?? '').localeCompare(b.deadline ?? ''),
    );
  const start = (input.page - 1) * input.pageSize;
  return {
    items: list.slice(start, start + input.pageSize),
    total: list.length,
    page: input.page,
    pageSize: input.pageSize,
    counts: { open: open.length, answered: answered.length },
  };
});

export const unitGet = handle(proposals.unitGet, UNIT, async (ctx, { proposalId }) => {
  const { p, unitId } = await mine(ctx, proposalId);
  return toUnitView(ctx, p, unitId);
});

/** 签收. Outcomes: the view | PROPOSAL.WRONG_STATE (already accepted, objected, or closed). */
export const unitAccept = command(proposals.unitAccept, UNIT, async (ctx, { proposalId }) => {
  const { p, unitId } = await allowed(ctx, proposalId, 'accept', () =>
    fail('PROPOSAL.WRONG_STATE', '该提案已签收或不在办理中'),
  );
  const now = iso(ctx.clock.now());
  await change(ctx, proposalId, p.version, (fresh) =>
    onUnit(
      fresh,
      unitId,
      (u) => ({ ...u, acceptedAt: now }),
      (u) => `${u.name}签收`,
    ),
  );
  return viewAfter(ctx, proposalId, unitId);
});

/** An objection within the settings' days, before 签收; the office is told and reassigns. */
export const unitObject = command(
  proposals.unitObject,
  UNIT,
  async (ctx, { proposalId, reason }) => {
    const { p, unitId } = await allowed(ctx, proposalId, 'object', () =>
      fail('PROPOSAL.OBJECTION_CLOSED'),
    );
    const now = iso(ctx.clock.now());
    const staff = await officeStaff(ctx.store);
    await change(ctx, proposalId, p.version, (fresh, tx) => ({
      ...onUnit(
        fresh,
        unitId,
        (u) => ({ ...u, objection: { reason, at: now } }),
        (u) => `${u.name}提出交办异议`,
      ),
      note: reason,
      also: () =>
        enqueue(
          tx,
          now,
          toOffice(staff, proposalId, {
            key: `proposal.objection:${proposalId}:${unitId}:${now}`,
            kind: 'proposal.objection',
            title: `承办单位提出异议：${fresh.title}`,
            body: `${unitName(fresh, unitId)}：${reason}。请调整交办。`,
          }),
        ),
    }));
    return viewAfter(ctx, proposalId, unitId);
  },
);

/** Saves the reply being written (no timeline line: it is the unit's own until sent on). */
export const unitSaveReply = command(proposals.unitSaveReply, UNIT, async (ctx, input) => {
  const { p, unitId } = await allowed(ctx, input.proposalId, 'writeReply', () =>
    fail('PROPOSAL.WRONG_STATE', '现在不能修改答复（已提交，或不在办理中）'),
  );
  const { replyMax, replyClasses } = (await currentSettings(ctx.store)).body.proposals;
  if (input.text.length > replyMax)
    throw fail('REQUEST.INVALID', `答复内容不能超过 ${replyMax} 个字`);
  if (!replyClasses.some((c) => c.code === input.replyClass))
    throw fail('PROPOSAL.REPLY_CLASS_INVALID', undefined, {
      replyClasses: replyClasses.map((c) => c.code),
    });
  const now = iso(ctx.clock.now());
  await change(ctx, input.proposalId, p.version, (fresh) => ({
    ...onUnit(
      fresh,
      unitId,
      (u) => ({
        ...u,
        draft: {
          round: fresh.handling!.round,
          text: input.text,
          replyClass: input.replyClass,
          letter: input.letter,
          status: 'draft',
          savedAt: now,
          savedBy: ctx.caller.member!.name,
          submittedAt: null,
          signOffs: [],
          returnNote: u.draft?.round === fresh.handling!.round ? u.draft.returnNote : null,
        },
      }),
      (u) => `${u.name}保存答复草稿`,
    ),
    quiet: true,
  }));
  return viewAfter(ctx, input.proposalId, unitId);
});

/**
 * Sends the saved reply on: in joint handling with co-handlers, to their sign-off (会签); else
 * to the office's review. Those next in line are told.
 */
export const unitSubmitReply = command(
  proposals.unitSubmitReply,
  UNIT,
  async (ctx, { proposalId }) => {
    const { p, unitId } = await allowed(ctx, proposalId, 'submitReply', () =>
      fail('PROPOSAL.WRONG_STATE', '请先保存答复内容'),
    );
    const coIds = p.handling!.units.filter((u) => u.role === 'co').map((u) => u.unitId);
    const signing = p.handling!.mode === 'joint' && coIds.length > 0;
    const [contacts, staff] = await Promise.all([
      unitContacts(ctx.store, coIds),
      signing ? Promise.resolve([]) : officeStaff(ctx.store),
    ]);
    const now = iso(ctx.clock.now());
    await change(ctx, proposalId, p.version, (fresh, tx) => ({
      ...onUnit(
        fresh,
        unitId,
        (u) => ({
          ...u,
          draft: { ...u.draft!, status: signing ? 'signing' : 'review', submittedAt: now },
        }),
        (u) => (signing ? `${u.name}提交答复，请会办单位会签` : `${u.name}提交答复，待提案办审核`),
      ),
      also: () =>
        enqueue(
          tx,
          now,
          signing
            ? toUnits(contacts, coIds, proposalId, {
                key: `proposal.signOff:${proposalId}:${now}`,
                kind: 'proposal.signOff',
                title: `请会签答复：${fresh.title}`,
                body: `主办单位${unitName(fresh, unitId)}已拟好答复，请会签。`,
              })
            : reviewNotices(staff, fresh, unitId, now),
        ),
    }));
    return viewAfter(ctx, proposalId, unitId);
  },
);

/** 会签: once every co-handling unit has signed, the lead's reply goes to the office. */
export const unitSignOff = command(
  proposals.unitSignOff,
  UNIT,
  async (ctx, { proposalId, note }) => {
    const { p, unitId } = await allowed(ctx, proposalId, 'signOff', () =>
      fail('PROPOSAL.WRONG_STATE', '没有待会签的答复'),
    );
    const staff = await officeStaff(ctx.store);
    const now = iso(ctx.clock.now());
    const me = unitName(p, unitId);
    await change(ctx, proposalId, p.version, (fresh, tx) => {
      const h = fresh.handling!;
      const lead = h.units.find((u) => u.role === 'lead')!;
      const signOffs = [
        ...lead.draft!.signOffs,
        { unitId, name: me, at: now, by: ctx.caller.member!.name, note: note || null },
      ];
      const allSigned = h.units
        .filter((u) => u.role === 'co')
        .every((u) => signOffs.some((s) => s.unitId === u.unitId));
      const draft: UnitReplyDraft = {
        ...lead.draft!,
        signOffs,
        status: allSigned ? 'review' : 'signing',
      };
      return {
        ...onUnit(
          fresh,
          lead.unitId,
          (u) => ({ ...u, draft }),
          () => `${me}会签主办单位答复`,
        ),
        note: note || null,
        also: allSigned
          ? () => enqueue(tx, now, reviewNotices(staff, fresh, lead.unitId, now))
          : undefined,
      };
    });
    return viewAfter(ctx, proposalId, unitId);
  },
);

/** Asks the office for more time; one request waits at a time. */
export const unitRequestExtension = command(
  proposals.unitRequestExtension,
  UNIT,
  async (ctx, { proposalId, days, reason }) => {
    const { p, unitId } = await allowed(ctx, proposalId, 'requestExtension', () =>
      fail('PROPOSAL.WRONG_STATE', '现在不能申请延期'),
    );
    const staff = await officeStaff(ctx.store);
    const now = iso(ctx.clock.now());
    await change(ctx, proposalId, p.version, (fresh, tx) => ({
      handling: {
        ...fresh.handling!,
        extension: {
          unitId,
          unitName: unitName(fresh, unitId),
          days,
          reason,
          at: now,
          by: ctx.caller.member!.name,
          status: 'pending',
          decidedAt: null,
          note: null,
        },
      },
      action: `${unitName(fresh, unitId)}申请延期 ${days} 天`,
      note: reason,
      also: () =>
        enqueue(
          tx,
          now,
          toOffice(staff, proposalId, {
            key: `proposal.extensionRequest:${proposalId}:${now}`,
            kind: 'proposal.extensionRequest',
            title: `延期申请：${fresh.title}`,
            body: `${unitName(fresh, unitId)}申请延期 ${days} 天：${reason}`,
          }),
        ),
    }));
    return viewAfter(ctx, proposalId, unitId);
  },
);

/** The notices to the office that a unit's reply waits for its review. */
export function reviewNotices(
  staff: Parameters<typeof toOffice>[0],
  p: ProposalDoc,
  unitId: string,
  now: string,
) {
  return toOffice(staff, p._id, {
    key: `proposal.replyReview:${p._id}:${unitId}:${now}`,
    kind: 'proposal.replyReview',
    title: `答复待审核：${p.title}`,
    body: `${unitName(p, unitId)}已提交答复，请审核。`,
  });
}

/** A change to one unit's assignment, with its timeline line. */
function onUnit(
  fresh: ProposalDoc,
  unitId: string,
  edit: (u: AssignedUnit) => AssignedUnit,
  action: (u: AssignedUnit) => string,
): Change {
  const h = fresh.handling!;
  const unit = h.units.find((u) => u.unitId === unitId);
  if (!unit) throw fail('PROPOSAL.NOT_ASSIGNED');
  return {
    handling: { ...h, units: h.units.map((u) => (u.unitId === unitId ? edit(u) : u)) },
    action: action(unit),
    note: null,
  };
}

function unitName(p: ProposalDoc, unitId: string): string {
  return p.handling!.units.find((u) => u.unitId === unitId)?.name ?? '承办单位';
}

/**
 * The proposal and this unit's assignment, when the unit may take the step `ability` now;
 * else the step's own refusal.
 */
async function allowed(
  ctx: ActionContext,
  proposalId: string,
  ability: keyof UnitProposalView['can'],
  refusal: () => Error,
) {
  const found = await mine(ctx, proposalId);
  if (!(await abilities(ctx, found.p, found.unitId))[ability]) throw refusal();
  return found;
}

/** The unit's view of the proposal as its step left it. */
async function viewAfter(ctx: ActionContext, proposalId: string, unitId: string) {
  return toUnitView(ctx, await mustGet(ctx, proposalId), unitId);
}
