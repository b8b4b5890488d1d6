/**
 * What a handling unit's account sees of a proposal given to it and may do with it now: the
 * `can` flags every unit command checks (unit-work.ts), the rows of its lists and its view.
 */
import type {
  AssignedUnit,
  UnitProposalView,
  UnitReplyDraft,
  UnitTask,
} from '../../../typings/contracts/proposals';
import type { ActionContext } from '../../kernel/action';
import { addDays, iso } from '../../kernel/clock';
import { currentSettings } from '../settings';
import type { HandlingDoc, ProposalDoc } from './model';
import { isOverdue, toSummary } from './views';

const OPEN_STAGES = ['assigned', 'rehandling'] as const;
export const isOpen = (h: HandlingDoc) => (OPEN_STAGES as readonly string[]).includes(h.stage);

export const repliedThisRound = (h: HandlingDoc, u: AssignedUnit) =>
  u.replies.some((r) => r.round === h.round);

/** The unit's reply for this round, if it is writing or has sent one. */
const currentDraft = (h: HandlingDoc, u: AssignedUnit) =>
  u.draft && u.draft.round === h.round ? u.draft : null;

/** A reply the lead unit has sent on (a draft still being written is its own). */
const submitted = (d: UnitReplyDraft | null) =>
  d && (d.status === 'signing' || d.status === 'review') ? d : null;

/** What the unit may do now (the settings give the objection window). */
export async function abilities(
  ctx: ActionContext,
  p: ProposalDoc,
  unitId: string,
): Promise<UnitProposalView['can'] & { objectionUntil: string | null }> {
  const { objectionDays } = (await currentSettings(ctx.store)).body.proposals;
  return can(p, unitId, ctx.clock.now(), objectionDays);
}

function can(
  p: ProposalDoc,
  unitId: string,
  now: Date,
  objectionDays: number,
): UnitProposalView['can'] & { objectionUntil: string | null } {
  const h = p.handling!;
  const u = h.units.find((x) => x.unitId === unitId)!;
  const open = isOpen(h);
  const objectionUntil = h.assignedAt ? iso(addDays(new Date(h.assignedAt), objectionDays)) : null;
  const draft = currentDraft(h, u);
  const writes = u.role !== 'co';
  const editable = !draft || draft.status === 'draft' || draft.status === 'returned';
  const lead = h.units.find((x) => x.role === 'lead');
  const leadDraft = lead ? currentDraft(h, lead) : null;
  const working = open && !!u.acceptedAt && !u.objection;
  return {
    objectionUntil,
    accept: open && !u.acceptedAt && !u.objection,
    object:
      h.stage === 'assigned' &&
      !u.acceptedAt &&
      !u.objection &&
      !!objectionUntil &&
      iso(now) <= objectionUntil,
    writeReply: working && writes && !repliedThisRound(h, u) && editable,
    submitReply:
      working && writes && !repliedThisRound(h, u) && !!draft && editable && !!draft.text,
    signOff:
      working &&
      u.role === 'co' &&
      leadDraft?.status === 'signing' &&
      !leadDraft.signOffs.some((s) => s.unitId === unitId),
    requestExtension:
      working && writes && !repliedThisRound(h, u) && h.extension?.status !== 'pending',
  };
}

function nextStep(c: ReturnType<typeof can>, u: AssignedUnit, h: HandlingDoc): string {
  if (c.accept) return '待签收';
  if (u.objection && isOpen(h)) return '';
  if (c.signOff) return '待会签';
  const draft = currentDraft(h, u);
  if (draft?.status === 'returned') return '答复被退回，请修改';
  if (c.writeReply) return draft ? '答复待提交' : '待答复';
  return '';
}

export function toTask(p: ProposalDoc, unitId: string, now: Date): UnitTask {
  const h = p.handling!;
  const u = h.units.find((x) => x.unitId === unitId)!;
  // The objection window does not change the next step's words, so any days do here.
  const c = can(p, unitId, now, 0);
  return {
    ...toSummary(p),
    role: u.role,
    stage: h.stage,
    round: h.round,
    deadline: h.deadline,
    overdue: isOverdue(p, now),
    next: nextStep(c, u, h),
  };
}

export async function toUnitView(
  ctx: ActionContext,
  p: ProposalDoc,
  unitId: string,
): Promise<UnitProposalView> {
  const h = p.handling!;
  const u = h.units.find((x) => x.unitId === unitId)!;
  const { objectionUntil, ...abilitiesNow } = await abilities(ctx, p, unitId);
  const lead = h.units.find((x) => x.role === 'lead');
  const joint = h.mode === 'joint';
  return {
    ...toSummary(p),
    cause: p.cause,
    suggestion: p.suggestion,
    attachments: p.attachments,
    coSignerNames: p.coSigners.filter((c) => c.status === 'confirmed').map((c) => c.name),
    mode: h.mode,
    stage: h.stage,
    round: h.round,
    assignedAt: h.assignedAt,
    deadline: h.deadline,
    overdue: isOverdue(p, ctx.clock.now()),
    objectionUntil,
    mine: u,
    partners: joint
      ? h.units.filter((x) => x.unitId !== unitId).map((x) => ({ name: x.name, role: x.role }))
      : [],
    leadDraft: joint && u.role === 'co' && lead ? submitted(currentDraft(h, lead)) : null,
    extension: h.extension?.unitId === unitId ? h.extension : null,
    version: p.version,
    can: abilitiesNow,
  };
}
