/**
 * The meeting editor's form: what staff type (strings as typed, Beijing dates and times), how
 * it starts, and how an unsaved form is kept on the phone. check.ts turns it into the body.
 */
import type {
  Contracts,
  InputOf,
  MeetingDetail,
  RosterEntry,
  SettingsBody,
} from '../../../../typings/contracts';
import { DEFAULT_SETTINGS, MEETING_DEFAULT_RADIUS } from '../../../generated/contract';
import { dropKeptForm, keepForm, readKeptForm } from '../../../utils/drafts';
import { beijingParts, MEETING_KINDS } from '../../../utils/meetings';

export type MeetingInput = InputOf<Contracts['meetings']['create']>;
export type InviteeMode = 'all' | 'sectors' | 'committees' | 'standing' | 'named';

export const INVITEE_MODES: Array<{ value: InviteeMode; label: string }> = [
  { value: 'all', label: '全体委员' },
  { value: 'sectors', label: '按界别' },
  { value: 'committees', label: '按专委会' },
  { value: 'standing', label: '常委' },
  { value: 'named', label: '指定委员' },
];

export interface SessionRow {
  /** Stable across edits, for wx:key. */
  key: string;
  label: string;
  date: string;
  start: string;
  end: string;
}

export interface NamedMember {
  id: string;
  /** '' until the roster has been read (a saved meeting keeps ids only). */
  name: string;
  sector: string;
}

export interface EditForm {
  /** Index into MEETING_KINDS; -1 until chosen. */
  kindIndex: number;
  title: string;
  sessions: SessionRow[];
  venueName: string;
  venueAddress: string;
  latitude: number | null;
  longitude: number | null;
  requireLocation: boolean;
  radius: string;
  agenda: string;
  deadlineDate: string;
  deadlineTime: string;
  beforeMinutes: string;
  afterMinutes: string;
  mode: InviteeMode;
  sectors: string[];
  committees: string[];
  named: NamedMember[];
  /** Files already uploaded (services/files.ts), with the names members will see. */
  materials: Array<{ fileId: string; name: string }>;
}

export type Field =
  | 'kind'
  | 'title'
  | 'sessions'
  | 'venueName'
  | 'venueAddress'
  | 'location'
  | 'radius'
  | 'agenda'
  | 'deadline'
  | 'window'
  | 'invitees'
  | 'materials';

export interface FormErrors {
  fields: Partial<Record<Field, string>>;
  /** One message (or '') per session row. */
  sessions: string[];
}

/** Files picked at once (wx.chooseMessageFile). */
export const MATERIALS_PER_PICK = 5;

let keySeq = 0;
function nextKey(): string {
  keySeq += 1;
  return `row${keySeq}`;
}

export function aSessionRow(label: string, date = '', start = '09:00', end = '11:30'): SessionRow {
  return { key: nextKey(), label, date, start, end };
}

/** The check-in window a new meeting starts with: the committee's settings (DEFAULT until read). */
export type WindowDefaults = SettingsBody['meetings'];

export function emptyForm(window: WindowDefaults = DEFAULT_SETTINGS.meetings): EditForm {
  return {
    kindIndex: -1,
    title: '',
    sessions: [aSessionRow('上午')],
    venueName: '',
    venueAddress: '',
    latitude: null,
    longitude: null,
    requireLocation: false,
    radius: String(MEETING_DEFAULT_RADIUS),
    agenda: '',
    deadlineDate: '',
    deadlineTime: '17:00',
    beforeMinutes: String(window.checkInBeforeMinutes),
    afterMinutes: String(window.checkInAfterMinutes),
    mode: 'all',
    sectors: [],
    committees: [],
    named: [],
    materials: [],
  };
}

/**
 * The row 添加场次 appends: the same day as the last one; after 上午 comes 下午 (a plenary's
 * half-days), otherwise the next number.
 */
export function nextSessionRow(rows: SessionRow[]): SessionRow {
  const last = rows[rows.length - 1];
  if (last?.label === '上午') return aSessionRow('下午', last.date, '14:30', '17:30');
  return aSessionRow(`第${rows.length + 1}场`, last?.date ?? '', last?.start, last?.end);
}

export function formFromDetail(d: MeetingDetail): EditForm {
  const deadline = beijingParts(d.replyDeadline);
  const inv = d.invitees;
  return {
    kindIndex: MEETING_KINDS.indexOf(d.kind),
    title: d.title,
    sessions: d.sessions.map((s) => {
      const a = beijingParts(s.startsAt);
      const b = beijingParts(s.endsAt);
      return aSessionRow(s.label, a?.date ?? '', a?.time ?? '', b?.time ?? '');
    }),
    venueName: d.venue.name,
    venueAddress: d.venue.address ?? '',
    latitude: d.venue.latitude,
    longitude: d.venue.longitude,
    requireLocation: d.requireLocation,
    radius: String(d.venue.radiusMeters ?? MEETING_DEFAULT_RADIUS),
    agenda: d.agenda,
    deadlineDate: deadline?.date ?? '',
    deadlineTime: deadline?.time ?? '',
    beforeMinutes: String(d.checkInWindow.beforeMinutes),
    afterMinutes: String(d.checkInWindow.afterMinutes),
    mode: inv.mode,
    sectors: inv.mode === 'sectors' ? [...inv.sectors] : [],
    committees: inv.mode === 'committees' ? [...inv.committees] : [],
    named: inv.mode === 'named' ? inv.memberIds.map((id) => ({ id, name: '', sector: '' })) : [],
    materials: d.materials.map((m) => ({ fileId: m.fileId, name: m.name })),
  };
}

export function noErrors(sessionCount: number): FormErrors {
  return { fields: {}, sessions: new Array<string>(sessionCount).fill('') };
}

/** Distinct sectors and special committees of the roster, in the roster's order. */
export function rosterGroups(entries: RosterEntry[]): { sectors: string[]; committees: string[] } {
  const sectors = new Set<string>();
  const committees = new Set<string>();
  for (const e of entries) {
    if (e.sector) sectors.add(e.sector);
    if (e.specialCommittee) committees.add(e.specialCommittee);
  }
  return { sectors: [...sectors], committees: [...committees].sort() };
}

/** The choices to tick: the roster's, plus any chosen one the roster no longer has. */
export function choices(
  available: string[],
  chosen: string[],
): Array<{ value: string; selected: boolean }> {
  const all = [...available, ...chosen.filter((c) => !available.includes(c))];
  return all.map((value) => ({ value, selected: chosen.includes(value) }));
}

/* The unsaved form, kept on the phone (utils/drafts.ts) so a lost network or a restart loses no typing. */

export interface StoredDraft {
  meetingId: string;
  /** The meeting's version the form started from (0 for a new meeting). */
  version: number;
  form: EditForm;
}

/** One kept form per meeting, and one for a new meeting. */
export function draftKey(meetingId: string): string {
  return meetingId || 'new';
}

export function saveDraft(meetingId: string, version: number, form: EditForm): void {
  keepForm('meeting', draftKey(meetingId), version, form);
}

export function loadDraft(meetingId: string): StoredDraft | null {
  const kept = readKeptForm<EditForm>('meeting', draftKey(meetingId));
  if (!kept) return null;
  // Rows restored from storage need keys unique in this run.
  const form = { ...emptyForm(), ...kept.fields };
  form.sessions = (form.sessions ?? []).map((s) => ({ ...s, key: nextKey() }));
  return { meetingId, version: kept.version, form };
}

export function clearDraft(meetingId: string): void {
  dropKeptForm('meeting', draftKey(meetingId));
}

/** Roster entries as the named-invitee list shows them. */
export function toNamed(e: RosterEntry): NamedMember {
  return { id: e.id, name: e.name, sector: e.sector ?? '' };
}
