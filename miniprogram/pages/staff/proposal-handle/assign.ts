/** The 交办 form: which units, jointly (one 主办, any 会办) or separately (分办), and the payload. */
import { PROPOSAL_LIMITS } from '../../../generated/contract';
import type { Contracts, HandlingUnitView, InputOf } from '../../../../typings/contracts';

export type AssignMode = 'joint' | 'separate';

export interface UnitChoice {
  id: string;
  name: string;
  selected: boolean;
  /** Joint handling: the one lead unit. */
  lead: boolean;
}

export function unitChoices(units: HandlingUnitView[]): UnitChoice[] {
  return units
    .filter((u) => u.active)
    .map((u) => ({ id: u.id, name: u.name, selected: false, lead: false }));
}

/** Selecting or clearing a unit; in joint handling the first one chosen leads. */
export function toggleUnit(choices: UnitChoice[], id: string): UnitChoice[] {
  const next = choices.map((c) =>
    c.id === id ? { ...c, selected: !c.selected, lead: c.selected ? false : c.lead } : c,
  );
  if (!next.some((c) => c.selected && c.lead)) {
    const first = next.find((c) => c.selected);
    if (first) return next.map((c) => ({ ...c, lead: c.id === first.id }));
  }
  return next;
}

export function setLead(choices: UnitChoice[], id: string): UnitChoice[] {
  return choices.map((c) => ({ ...c, lead: c.selected && c.id === id }));
}

/** Why the form cannot be sent yet, or ''. */
export function assignProblem(choices: UnitChoice[], mode: AssignMode): string {
  const selected = choices.filter((c) => c.selected);
  if (selected.length === 0) return '请至少选择一个承办单位';
  if (selected.length > PROPOSAL_LIMITS.units) return `承办单位最多 ${PROPOSAL_LIMITS.units} 个`;
  if (mode === 'joint' && selected.filter((c) => c.lead).length !== 1)
    return '合办须指定一个主办单位';
  return '';
}

export type AssignInput = InputOf<Contracts['proposals']['assign']>;

/** 合办: the lead unit 'lead', the others 'co'; 分办: each unit on its own (no role). */
export function assignInput(
  proposalId: string,
  version: number,
  choices: UnitChoice[],
  mode: AssignMode,
  deadlineDays: number,
): AssignInput {
  const selected = choices.filter((c) => c.selected);
  return {
    proposalId,
    version,
    mode,
    units: selected.map((c) =>
      mode === 'joint' ? { unitId: c.id, role: c.lead ? 'lead' : 'co' } : { unitId: c.id },
    ),
    deadlineDays,
  };
}
