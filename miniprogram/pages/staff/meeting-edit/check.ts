/**
 * The meeting form checked by the contract's own schema (kit/validate): the form becomes the
 * body it would send, the generated validator says which parts the server would refuse, and
 * each refusal is shown next to the field it belongs to.
 */
import { MEETING_DEFAULT_RADIUS, MEETING_LIMITS } from '../../../generated/contract';
import { checkInput, type FieldErrors } from '../../../kit/validate';
import { beijingInstant, MEETING_KINDS } from '../../../utils/meetings';
import type { EditForm, Field, FormErrors, MeetingInput } from './form';

/**
 * Fields told in the form's words rather than the schema's: a whole section (its rows say
 * more) or a place the form names differently. Every other field shows the schema's message.
 */
const FIELD_MESSAGES: Partial<Record<Field, string>> = {
  sessions: '请检查场次的时间',
  location: '要求定位签到时，请先选择会场位置',
  materials: `请填写资料名称（${MEETING_LIMITS.materialName} 字以内）`,
};

/** The order fields are read in: the first refusal is the one toasted. */
const ORDER: Field[] = [
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

/** A typed whole number, or the text itself (which the schema then refuses as not a number). */
function numberOf(raw: string): number | string {
  const text = raw.trim();
  return /^\d{1,5}$/.test(text) ? Number(text) : text;
}

/** The radius matters only with location check-in; otherwise a mistyped one is not held against it. */
function radiusOf(form: EditForm): number | string {
  const typed = numberOf(form.radius);
  if (form.requireLocation) return typed;
  const { radiusMin, radiusMax } = MEETING_LIMITS;
  return typeof typed === 'number' && typed >= radiusMin && typed <= radiusMax
    ? typed
    : MEETING_DEFAULT_RADIUS;
}

/** The body the form would send, valid or not. */
export function bodyOf(form: EditForm): Record<string, unknown> {
  const invitees =
    form.mode === 'sectors'
      ? { mode: 'sectors', sectors: form.sectors }
      : form.mode === 'committees'
        ? { mode: 'committees', committees: form.committees }
        : form.mode === 'named'
          ? { mode: 'named', memberIds: form.named.map((m) => m.id) }
          : { mode: form.mode };
  return {
    kind: MEETING_KINDS[form.kindIndex] ?? '',
    title: form.title.trim(),
    sessions: form.sessions.map((row) => ({
      label: row.label.trim(),
      startsAt: beijingInstant(row.date, row.start) ?? '',
      endsAt: beijingInstant(row.date, row.end) ?? '',
    })),
    venue: {
      name: form.venueName.trim(),
      address: form.venueAddress.trim(),
      latitude: form.latitude,
      longitude: form.longitude,
      radiusMeters: radiusOf(form),
    },
    requireLocation: form.requireLocation,
    agenda: form.agenda.trim(),
    materials: form.materials.map((m) => ({ fileId: m.fileId, name: m.name.trim() })),
    invitees,
    replyDeadline: beijingInstant(form.deadlineDate, form.deadlineTime) ?? '',
    checkInWindow: {
      beforeMinutes: numberOf(form.beforeMinutes),
      afterMinutes: numberOf(form.afterMinutes),
    },
  };
}

/** The form field a schema path belongs to (`venue.radiusMeters` → radius). */
function fieldOf(path: string): Field | null {
  const [head, sub] = path.split('.');
  if (head === 'venue') {
    if (sub === 'name') return 'venueName';
    if (sub === 'address') return 'venueAddress';
    return sub === 'radiusMeters' ? 'radius' : 'location';
  }
  if (head === 'replyDeadline') return 'deadline';
  if (head === 'checkInWindow') return 'window';
  if (head === 'requireLocation') return 'location';
  if (head === 'kind' || head === 'title' || head === 'agenda') return head;
  if (head === 'sessions' || head === 'materials' || head === 'invitees') return head;
  return null;
}

/** One message per session row: what the row lacks, or the schema's word on it. */
function rowMessages(form: EditForm, errors: FieldErrors): string[] {
  return form.sessions.map((row, i) => {
    const issues = Object.entries(errors).filter(([p]) => p.startsWith(`sessions.${i}.`));
    if (issues.length === 0) return '';
    const label = issues.find(([p]) => p.endsWith('.label'));
    if (label) return label[1];
    if (!row.date) return '请选择日期';
    if (!row.start || !row.end) return '请选择开始和结束时间';
    return issues[0]![1];
  });
}

/** Either the body to send, or a message per field that needs fixing (in the form's order). */
export function checkForm(
  form: EditForm,
): { ok: true; body: MeetingInput } | { ok: false; errors: FormErrors; first: string } {
  const body = bodyOf(form);
  const errors = checkInput('meetings', 'create', body);
  if (Object.keys(errors).length === 0) return { ok: true, body: body as MeetingInput };
  const fields: FormErrors['fields'] = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = fieldOf(path);
    if (!field || fields[field]) continue;
    // A whole-list refusal (no sessions, too many) is the schema's; a row's is told on the row.
    fields[field] =
      field === 'sessions' && path === 'sessions' ? message : (FIELD_MESSAGES[field] ?? message);
  }
  const first = ORDER.map((f) => fields[f]).find(Boolean) ?? '';
  return { ok: false, errors: { fields, sessions: rowMessages(form, errors) }, first };
}
