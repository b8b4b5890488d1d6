/**
 * The meeting editor's form: what staff type (strings as typed, Beijing dates and times), how
 * it is checked (as the server will check it, with a message per field), how it becomes a
 * MeetingBody, and how an unsaved form is kept on the phone.
 */
import type {
  Contracts,
  InputOf,
  MeetingDetail,
  MeetingKind,
  RosterEntry,
} from '../../../../typings/contracts';
import { beijingInstant, beijingParts, MEETING_KINDS } from '../../../utils/meetings';

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

export const MAX_SESSIONS = 12;
export const DEFAULT_RADIUS = 300;
export const MAX_MATERIALS = 20;
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

export function emptyForm(): EditForm {
  return {
    kindIndex: -1,
    title: '',
    sessions: [aSessionRow('上午')],
    venueName: '',
    venueAddress: '',
    latitude: null,
    longitude: null,
    requireLocation: false,
    radius: String(DEFAULT_RADIUS),
    agenda: '',
    deadlineDate: '',
    deadlineTime: '17:00',
    beforeMinutes: '60',
    afterMinutes: '30',
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
    radius: String(d.venue.radiusMeters ?? DEFAULT_RADIUS),
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

function wholeNumber(raw: string, min: number, max: number): number | null {
  const text = raw.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

function length(text: string): number {
  return [...text.trim()].length;
}

/** Either the body to send, or a message per field that needs fixing (in the form's order). */
export function checkForm(
  form: EditForm,
): { ok: true; body: MeetingInput } | { ok: false; errors: FormErrors; first: string } {
  const fields: FormErrors['fields'] = {};
  const kind: MeetingKind | undefined = MEETING_KINDS[form.kindIndex];
  if (!kind) fields.kind = '请选择会议类型';
  const title = form.title.trim();
  if (length(title) < 2 || length(title) > 60) fields.title = '会议名称须为 2 到 60 个字';

  if (form.sessions.length === 0) fields.sessions = '请至少安排一个场次';
  if (form.sessions.length > MAX_SESSIONS) fields.sessions = `最多 ${MAX_SESSIONS} 个场次`;
  const sessionErrors: string[] = [];
  const sessions: MeetingInput['sessions'] = [];
  for (const row of form.sessions) {
    const startsAt = beijingInstant(row.date, row.start);
    const endsAt = beijingInstant(row.date, row.end);
    let message = '';
    if (length(row.label) < 1 || length(row.label) > 30) message = '请填写场次名称（30 字以内）';
    else if (!row.date) message = '请选择日期';
    else if (!startsAt || !endsAt) message = '请选择开始和结束时间';
    else if (Date.parse(endsAt) <= Date.parse(startsAt)) message = '结束时间应晚于开始时间';
    sessionErrors.push(message);
    if (startsAt && endsAt) sessions.push({ label: row.label.trim(), startsAt, endsAt });
  }
  if (!fields.sessions && sessionErrors.some(Boolean)) fields.sessions = '请检查场次的时间';

  const venueName = form.venueName.trim();
  if (length(venueName) < 1 || length(venueName) > 60)
    fields.venueName = '请填写会场名称（60 字以内）';
  const venueAddress = form.venueAddress.trim();
  if (length(venueAddress) > 120) fields.venueAddress = '地址最多 120 个字';
  const hasPlace = form.latitude !== null && form.longitude !== null;
  if (form.requireLocation && !hasPlace) fields.location = '要求定位签到时，请先选择会场位置';
  const radius = wholeNumber(form.radius, 50, 5000);
  if (form.requireLocation && radius === null) fields.radius = '签到范围须为 50 到 5000 米';

  const agenda = form.agenda.trim();
  if (length(agenda) > 3000) fields.agenda = '议程最多 3000 个字';

  const replyDeadline = beijingInstant(form.deadlineDate, form.deadlineTime);
  const firstStart = sessions.map((s) => Date.parse(s.startsAt)).sort((a, b) => a - b)[0];
  if (!replyDeadline) fields.deadline = '请选择回执截止的日期和时间';
  else if (firstStart !== undefined && Date.parse(replyDeadline) > firstStart)
    fields.deadline = '回执截止时间应早于会议开始';

  const before = wholeNumber(form.beforeMinutes, 0, 240);
  const after = wholeNumber(form.afterMinutes, 0, 240);
  if (before === null || after === null) fields.window = '签到时间须为 0 到 240 分钟';

  let invitees: MeetingInput['invitees'] = { mode: 'all' };
  if (form.mode === 'sectors') {
    if (form.sectors.length === 0) fields.invitees = '请至少选择一个界别';
    invitees = { mode: 'sectors', sectors: form.sectors };
  } else if (form.mode === 'committees') {
    if (form.committees.length === 0) fields.invitees = '请至少选择一个专委会';
    invitees = { mode: 'committees', committees: form.committees };
  } else if (form.mode === 'named') {
    if (form.named.length === 0) fields.invitees = '请至少选择一位委员';
    invitees = { mode: 'named', memberIds: form.named.map((m) => m.id) };
  } else if (form.mode === 'standing') {
    invitees = { mode: 'standing' };
  }

  const materials = form.materials.map((m) => ({ fileId: m.fileId, name: m.name.trim() }));
  if (materials.length > MAX_MATERIALS) fields.materials = `最多 ${MAX_MATERIALS} 份资料`;
  else if (materials.some((m) => length(m.name) < 1 || length(m.name) > 80))
    fields.materials = '请填写资料名称（80 字以内）';

  const order: Field[] = [
    'kind',
    'title',
    'sessions',
    'venueName',
    'venueAddress',
    'location',
    'radius',
    'agenda',
    'materials',
    'deadline',
    'window',
    'invitees',
  ];
  const first = order.map((f) => fields[f]).find(Boolean);
  if (first || !kind || !replyDeadline || before === null || after === null) {
    return { ok: false, errors: { fields, sessions: sessionErrors }, first: first ?? '' };
  }
  return {
    ok: true,
    body: {
      kind,
      title,
      sessions,
      venue: {
        name: venueName,
        address: venueAddress,
        latitude: form.latitude,
        longitude: form.longitude,
        radiusMeters: radius ?? DEFAULT_RADIUS,
      },
      requireLocation: form.requireLocation,
      agenda,
      materials,
      invitees,
      replyDeadline,
      checkInWindow: { beforeMinutes: before, afterMinutes: after },
    },
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

/* The unsaved form, kept on the phone so a lost network or a restart loses no typing. */

export interface StoredDraft {
  v: 1;
  meetingId: string;
  /** The meeting's version the form started from (0 for a new meeting). */
  version: number;
  form: EditForm;
  savedAt: number;
}

export function draftKey(meetingId: string): string {
  return `meeting-edit-draft:${meetingId || 'new'}`;
}

export function saveDraft(meetingId: string, version: number, form: EditForm): void {
  const draft: StoredDraft = { v: 1, meetingId, version, form, savedAt: Date.now() };
  try {
    wx.setStorageSync(draftKey(meetingId), draft);
  } catch {
    // Storage full or unavailable: the form still works, only the safety net is gone.
  }
}

export function loadDraft(meetingId: string): StoredDraft | null {
  try {
    const value: unknown = wx.getStorageSync(draftKey(meetingId));
    if (typeof value !== 'object' || value === null) return null;
    const draft = value as Partial<StoredDraft>;
    if (draft.v !== 1 || typeof draft.form !== 'object' || draft.form === null) return null;
    // Rows restored from storage need keys unique in this run.
    const form = { ...emptyForm(), ...draft.form };
    form.sessions = (form.sessions ?? []).map((s) => ({ ...s, key: nextKey() }));
    return {
      v: 1,
      meetingId: draft.meetingId ?? meetingId,
      version: draft.version ?? 0,
      form,
      savedAt: draft.savedAt ?? 0,
    };
  } catch {
    return null;
  }
}

export function clearDraft(meetingId: string): void {
  try {
    wx.removeStorageSync(draftKey(meetingId));
  } catch {
    // Nothing to clear.
  }
}

/** Roster entries as the named-invitee list shows them. */
export function toNamed(e: RosterEntry): NamedMember {
  return { id: e.id, name: e.name, sector: e.sector ?? '' };
}
