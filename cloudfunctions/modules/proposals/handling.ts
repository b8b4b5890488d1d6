import {
  proposals,
  type AssignedUnit,
  type FileRef,
  type ReplyClass,
  type HandlingUnitView,
  type ProposalSummary,
} from '../../../typings/contracts/proposals';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { once } from '../../kernel/once';
import { audit } from '../../kernel/audit';
import { proposalStep } from './step';
import { addDays, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { TxOps } from '../../store/port';
import { recordDutyEvent } from '../ledger/ledger-port';
import { enqueue, type Notification } from '../notify/outbox';
import { assertCanRead, mustGet } from './access';
import { currentSettings, monthsToDays } from '../settings';
import { confirmedCoSigners, type HandlingDoc, type ProposalDoc, type UnitDoc } from './model';
import { requireHandlingStage, requireProposalState } from './lifecycle';
import { loadDetail } from './queries';
import { evaluatorsOf, isOverdue, toSummary } from './views';
import { assignedNotice, toUnits, unitContacts } from './unit-notices';

/** Adds or edits a handling unit (a government department with its contact person). */
export const saveUnit = command(proposals.saveUnit, STAFF, async (ctx, input) => {
  const doc: UnitDoc = {
    _id: input.unitId ?? ctx.ids.next('unit'),
    name: input.name,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    active: input.active,
  };
  await once(ctx, async (tx) => {
    const before = await tx.get<UnitDoc>('handling_units', doc._id);
    if (input.unitId && !before) throw fail('UNIT.NOT_FOUND');
    if (before) await tx.remove('handling_units', doc._id);
    await tx.insert('handling_units', doc);
    await audit(tx, ctx, {
      targetType: 'handlingUnit',
      targetId: doc._id,
      before: before ?? null,
      after: doc,
    });
  });
  return unitView(doc);
});

export const listUnits = handle(proposals.listUnits, STAFF, async (ctx, { includeInactive }) => ({
  items: (
    await ctx.store.find<UnitDoc>('handling_units', {
      where: includeInactive ? {} : { active: true },
      orderBy: [['name', 'asc']],
    })
  ).map(unitView),
}));

/**
 * 交办: sends an accepted proposal to handling units, jointly (one lead, co-handlers) or
 * separately (each replies on its own), with a deadline (the settings' handling time unless
 * given, never beyond their longest). Assigning again
 * (after an objection) replaces the units and restarts the clock.
 */
export const assign = command(
  proposals.assign,
  STAFF,
  async (ctx, { proposalId, version, mode, units, deadlineDays }) => {
    const p = await mustGet(ctx, proposalId);
    requireProposalState('handle', p.status);
    if (mode === 'joint' && units.filter((u) => u.role === 'lead').length !== 1) {
      throw fail('REQUEST.INVALID', '合办时须指定且只能指定一个主办单位');
    }
    const found = await ctx.store.find<UnitDoc>('handling_units', {
      where: { _id: { $in: units.map((u) => u.unitId) }, active: true },
    });
    if (found.length !== new Set(units.map((u) => u.unitId)).size) throw fail('UNIT.NOT_FOUND');
    const names = new Map(found.map((u) => [u._id, u.name]));
    const rules = (await currentSettings(ctx.store)).body.proposals;
    const days = deadlineDays ?? monthsToDays(rules.handlingMonths);
    if (days > monthsToDays(rules.maxHandlingMonths)) throw deadlineLimit(rules.maxHandlingMonths);
    const now = ctx.clock.now();
    const contacts = await unitContacts(ctx.store, [...names.keys()]);
    const assigned: AssignedUnit[] = units.map((u) => ({
      unitId: u.unitId,
      name: names.get(u.unitId)!,
      role: mode === 'separate' ? 'separate' : u.role,
      objection: null,
      replies: [],
    }));
    await change(ctx, proposalId, version, (fresh) => {
      const handling: HandlingDoc = {
        stage: 'assigned',
        round: 1,
        mode,
        units: assigned,
        assignedAt: iso(now),
        deadline: iso(addDays(now, days)),
        key: fresh.handling?.key ?? null,
        supervision: fresh.handling?.supervision ?? [],
        evaluations: [],
      };
      return {
        handling,
        action: `交办：${assigned.map((u) => `${u.name}（${roleLabel(u.role)}）`).join('、')}`,
        note: null,
        also: (tx) =>
          enqueue(
            tx,
            handling.assignedAt!,
            toUnits(
              contacts,
              [...names.keys()],
              proposalId,
              assignedNotice(fresh, handling.assignedAt!, handling.deadline!),
            ),
          ),
      };
    });
    return loadDetail(ctx, proposalId);
  },
);

/** A unit objects to an assignment within the allowed days; the office then reassigns. */
export const recordObjection = command(
  proposals.recordObjection,
  STAFF,
  async (ctx, { proposalId, unitId, reason }) => {
    const p = await mustGet(ctx, proposalId);
    const unit = p.handling?.units.find((u) => u.unitId === unitId);
    if (!p.handling || !unit) throw fail('PROPOSAL.NOT_ASSIGNED');
    const now = ctx.clock.now();
    const { objectionDays } = (await currentSettings(ctx.store)).body.proposals;
    if (iso(now) > iso(addDays(new Date(p.handling.assignedAt!), objectionDays)))
      throw fail('PROPOSAL.OBJECTION_CLOSED');
    await change(ctx, proposalId, p.version, (fresh) => ({
      handling: {
        ...fresh.handling!,
        units: fresh.handling!.units.map((u) =>
          u.unitId === unitId ? { ...u, objection: { reason, at: iso(now) } } : u,
        ),
      },
      action: `${unit.name}提出交办异议`,
      note: reason,
    }));
    return loadDetail(ctx, proposalId);
  },
);

/** Extends the handling deadline, up to the settings' longest handling time after assignment. */
export const extendDeadline = command(
  proposals.extendDeadline,
  STAFF,
  async (ctx, { proposalId, days, reason }) => {
    const p = await mustGet(ctx, proposalId);
    if (!p.handling?.deadline || !p.handling.assignedAt) throw fail('PROPOSAL.NOT_ASSIGNED');
    const until = addDays(new Date(p.handling.deadline), days);
    const { maxHandlingMonths } = (await currentSettings(ctx.store)).body.proposals;
    if (until > addDays(new Date(p.handling.assignedAt), monthsToDays(maxHandlingMonths)))
      throw deadlineLimit(maxHandlingMonths);
    await change(ctx, proposalId, p.version, (fresh) => ({
      handling: { ...fresh.handling!, deadline: iso(until) },
      action: `办理期限延长至 ${iso(until).slice(0, 10)}`,
      note: reason,
    }));
    return loadDetail(ctx, proposalId);
  },
);

/**
 * Records a unit's written reply (entered by the office). A round is answered when the lead
 * unit (joint handling) or every unit (separate handling) has replied; the proposer, the
 * co-signers and the authors of merged proposals are then asked to evaluate.
 */
export const recordReply = command(
  proposals.recordReply,
  STAFF,
  async (ctx, { proposalId, unitId, replyClass, text }) => {
    const p = await mustGet(ctx, proposalId);
    requireHandlingStage('reply', p);
    if (!p.handling!.units.some((u) => u.unitId === unitId)) throw fail('PROPOSAL.NOT_ASSIGNED');
    const { replyClasses } = (await currentSettings(ctx.store)).body.proposals;
    if (!replyClasses.some((c) => c.code === replyClass))
      throw fail('PROPOSAL.REPLY_CLASS_INVALID', undefined, {
        replyClasses: replyClasses.map((c) => c.code),
      });
    const now = iso(ctx.clock.now());
    const merged = p.mergedFrom.length
      ? await ctx.store.find<ProposalDoc>('proposals', { where: { _id: { $in: p.mergedFrom } } })
      : [];
    await change(ctx, proposalId, p.version, (fresh, tx) =>
      replyChange(fresh, tx, merged, {
        unitId,
        replyClass,
        text,
        letter: null,
        at: now,
        recordedBy: ctx.caller.member!.name,
      }),
    );
    return loadDetail(ctx, proposalId);
  },
);

/** A unit's reply for the round, entered by the office or approved from the unit's own draft. */
export interface ReplyRecord {
  unitId: string;
  replyClass: ReplyClass;
  text: string;
  letter: FileRef | null;
  at: string;
  recordedBy: string;
}

/**
 * Records a reply on the unit (replacing one of the same round) and drops the unit's draft. The
 * round is answered when the lead unit (joint handling) or every unit (separate handling) has
 * replied; the proposer, the co-signers and the authors of merged proposals are then told.
 */
export function replyChange(
  fresh: ProposalDoc,
  tx: TxOps,
  merged: ProposalDoc[],
  reply: ReplyRecord,
  actionPrefix = '',
): Change {
  const h = fresh.handling!;
  const { unitId, ...rest } = reply;
  const units = h.units.map((u) =>
    u.unitId === unitId
      ? {
          ...u,
          draft: null,
          replies: [...u.replies.filter((r) => r.round !== h.round), { round: h.round, ...rest }],
        }
      : u,
  );
  const answered = (u: AssignedUnit) => u.replies.some((r) => r.round === h.round);
  const complete =
    h.mode === 'joint'
      ? units.filter((u) => u.role === 'lead').every(answered)
      : units.every(answered);
  const unitName = units.find((u) => u.unitId === unitId)!.name;
  const after = { ...h, units, stage: complete ? ('replied' as const) : h.stage };
  return {
    handling: after,
    action: `${actionPrefix}${unitName}答复（${reply.replyClass} 类）`,
    note: null,
    also: complete
      ? () =>
          enqueue(
            tx,
            reply.at,
            [...evaluatorsOf(fresh, merged)].map((memberId) =>
              replyNotice(fresh, memberId, after.round),
            ),
          )
      : undefined,
  };
}

/**
 * The proposer, co-signers (and authors of merged proposals) rate the reply. The lead's rating
 * decides: unsatisfied in the first round sends it back for re-handling and a second reply;
 * otherwise handling closes. Rating again within a round replaces one's rating.
 */
export const evaluate = command(proposals.evaluate, 'member', async (ctx, input) => {
  const p = await mustGet(ctx, input.proposalId);
  assertCanRead(ctx, p);
  const me = ctx.caller.member!;
  const merged = p.mergedFrom.length
    ? await ctx.store.find<ProposalDoc>('proposals', { where: { _id: { $in: p.mergedFrom } } })
    : [];
  if (!evaluatorsOf(p, merged).has(me._id)) throw fail('PROPOSAL.NOT_EVALUATOR');
  requireHandlingStage('evaluate', p);
  const now = ctx.clock.now();
  const { rehandlingMonths } = (await currentSettings(ctx.store)).body.proposals;
  await change(ctx, input.proposalId, p.version, (fresh) => {
    const h = fresh.handling!;
    const evaluation = {
      round: h.round,
      memberId: me._id,
      name: me.name,
      rating: input.rating,
      attitude: input.attitude ?? null,
      result: input.result ?? null,
      comment: input.comment ?? null,
      at: iso(now),
    };
    const evaluations = [
      ...h.evaluations.filter((e) => !(e.round === h.round && e.memberId === me._id)),
      evaluation,
    ];
    let stage = h.stage;
    let round = h.round;
    let deadline = h.deadline;
    if (me._id === fresh.leadId) {
      if (input.rating === 'unsatisfied' && h.round === 1) {
        stage = 'rehandling';
        round = 2;
        deadline = iso(addDays(now, monthsToDays(rehandlingMonths)));
      } else stage = 'closed';
    }
    return {
      handling: { ...h, evaluations, stage, round, deadline },
      action: `评价答复：${{ satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }[input.rating]}`,
      note: input.comment ?? null,
    };
  });
  return loadDetail(ctx, input.proposalId);
});

/** Marks a key proposal (重点提案) with its supervising chair; its authors score the key-proposal points. */
export const markKey = command(
  proposals.markKey,
  STAFF,
  async (ctx, { proposalId, supervisor }) => {
    const p = await mustGet(ctx, proposalId);
    requireProposalState('handle', p.status);
    const now = iso(ctx.clock.now());
    const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
    await change(ctx, proposalId, p.version, (fresh) => ({
      handling: { ...(fresh.handling ?? emptyHandling()), key: { supervisor, markedAt: now } },
      action: `列为重点提案，由${supervisor}督办`,
      note: null,
      also: async (tx) => {
        const authors = [
          { memberId: fresh.leadId, lead: true },
          ...confirmedCoSigners(fresh).map((c) => ({ memberId: c.memberId, lead: false })),
        ];
        for (const a of authors) {
          const event = a.lead ? 'proposal.key.lead' : 'proposal.key.coSigner';
          await recordDutyEvent(tx, ctx, {
            key: `proposal:${fresh._id}:${a.memberId}:${event}`,
            event,
            memberId: a.memberId,
            occurredAt: now,
            source: { type: 'proposal', id: fresh._id, title: fresh.title },
            actor,
          });
        }
      },
    }));
    return loadDetail(ctx, proposalId);
  },
);

/** An entry in a key proposal's supervision log. */
export const addSupervision = command(
  proposals.addSupervision,
  STAFF,
  async (ctx, { proposalId, note }) => {
    const p = await mustGet(ctx, proposalId);
    if (!p.handling?.key) throw fail('PROPOSAL.WRONG_STATE', '只有重点提案有督办记录');
    const now = iso(ctx.clock.now());
    await change(ctx, proposalId, p.version, (fresh) => ({
      handling: {
        ...fresh.handling!,
        supervision: [
          ...fresh.handling!.supervision,
          { at: now, note, by: ctx.caller.member!.name },
        ],
      },
      action: '督办记录',
      note,
    }));
    return loadDetail(ctx, proposalId);
  },
);

/** Proposals past their handling deadline without a reply: the office's alert list. */
export const listOverdue = handle(proposals.listOverdue, STAFF, async (ctx, input) => {
  const now = ctx.clock.now();
  const handling = await ctx.store.find<ProposalDoc>('proposals', {
    where: { status: 'accepted', 'handling.stage': { $in: ['assigned', 'rehandling'] } },
    orderBy: [['handling.deadline', 'asc']],
  });
  const overdue = handling.filter((p) => isOverdue(p, now));
  const start = (input.page - 1) * input.pageSize;
  return {
    items: overdue
      .slice(start, start + input.pageSize)
      .map((p): ProposalSummary & { deadline: string; units: string[] } => ({
        ...toSummary(p),
        deadline: p.handling!.deadline!,
        units: p.handling!.units.map((u) => u.name),
      })),
    total: overdue.length,
    page: input.page,
    pageSize: input.pageSize,
  };
});

export type Change = {
  handling: HandlingDoc;
  action: string;
  note: string | null;
  also?: (tx: TxOps, now: string, after: ProposalDoc) => Promise<void>;
  /** An internal step (a unit's draft saved): no line on the proposal's timeline. */
  quiet?: boolean;
};

/** One handling step on an accepted proposal (see `proposalStep`). */
export async function change(
  ctx: ActionContext,
  proposalId: string,
  version: number,
  step: (fresh: ProposalDoc, tx: TxOps) => Change,
): Promise<void> {
  await proposalStep(ctx, proposalId, version, (fresh, _now, tx) => {
    const c = step(fresh, tx);
    return {
      set: { handling: c.handling, unitIds: c.handling.units.map((u) => u.unitId) },
      action: c.action,
      note: c.note,
      before: { stage: fresh.handling?.stage ?? null },
      after: { stage: c.handling.stage, action: c.action },
      also: c.also,
      quiet: c.quiet,
    };
  });
}

function emptyHandling(): HandlingDoc {
  return {
    stage: 'unassigned',
    round: 0,
    mode: 'joint',
    units: [],
    assignedAt: null,
    deadline: null,
    key: null,
    supervision: [],
    evaluations: [],
  };
}

function roleLabel(role: AssignedUnit['role']): string {
  return { lead: '主办', co: '会办', separate: '分办' }[role];
}

function unitView(u: UnitDoc): HandlingUnitView {
  return {
    id: u._id,
    name: u.name,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    active: u.active,
  };
}

function replyNotice(p: ProposalDoc, memberId: string, round: number): Notification {
  return {
    key: `proposal.reply:${p._id}:r${round}`,
    memberId,
    kind: 'proposal.reply',
    title: `提案已答复：${p.title}`,
    body: '承办单位已答复您的提案，请查看答复并进行评价。',
    link: `/pages/proposals/detail/index?id=${p._id}`,
  };
}

function deadlineLimit(maxMonths: number) {
  return fail('PROPOSAL.DEADLINE_LIMIT', `办理期限最长不超过交办后 ${maxMonths} 个月`);
}
