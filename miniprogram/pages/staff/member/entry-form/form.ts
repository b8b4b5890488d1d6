/** The entry form's state and its check: the contract's own schema (`members.updateEntry`). */
import type { Gender, RosterEntry } from '../../../../../typings/contracts';
import { checkInput } from '../../../../kit/validate';

export interface EntryForm {
  name: string;
  /** '' for not set. */
  gender: Gender | '';
  sector: string;
  specialCommittee: string;
  /** 'yes' | 'no', as the chips hold it. */
  standing: 'yes' | 'no';
  phone: string;
  term: string;
}

export type EntryField = 'name' | 'gender' | 'sector' | 'specialCommittee' | 'phone' | 'term';
export type EntryErrors = Partial<Record<EntryField | 'standingMember', string>>;

export interface EntryInput {
  memberId: string;
  version: number;
  name: string;
  gender: Gender | null;
  sector: string;
  specialCommittee: string;
  standingMember: boolean;
  phone: string;
  term: string;
}

export const TEXT_FIELDS: readonly EntryField[] = [
  'name',
  'sector',
  'specialCommittee',
  'phone',
  'term',
];

export function formOf(e: RosterEntry): EntryForm {
  return {
    name: e.name,
    gender: e.gender ?? '',
    sector: e.sector ?? '',
    specialCommittee: e.specialCommittee ?? '',
    standing: e.standingMember ? 'yes' : 'no',
    phone: e.phone ?? '',
    term: e.term ?? '',
  };
}

/** Either the input to send, or the server's message for each field that needs fixing. */
export function checkEntry(
  form: EntryForm,
  memberId: string,
  version: number,
): { ok: true; input: EntryInput } | { ok: false; errors: EntryErrors } {
  const input: EntryInput = {
    memberId,
    version,
    name: form.name.trim(),
    gender: form.gender || null,
    sector: form.sector.trim(),
    specialCommittee: form.specialCommittee.trim(),
    standingMember: form.standing === 'yes',
    phone: form.phone.trim(),
    term: form.term.trim(),
  };
  const errors: EntryErrors = {};
  for (const [path, message] of Object.entries(checkInput('members', 'updateEntry', input))) {
    if (path in input && !(path in errors)) errors[path as keyof EntryErrors] = message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
