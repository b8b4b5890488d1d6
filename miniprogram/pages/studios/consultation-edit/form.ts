/** The consultation log's form: what the host types, and the payload it stands for. */
import type {
  Contracts,
  InputOf,
  ConsultationDetail,
  ConsultationSource,
  StudioDetail,
} from '../../../../typings/contracts';
import type { PickedMember } from '../../../components/member-picker/index';
import type { StoredFile } from '../../../services/files';

type SaveInput = InputOf<Contracts['studios']['saveConsultation']>;

export interface OutcomeRow {
  /** '' for an outcome not saved yet. */
  id: string;
  text: string;
  unit: string;
  deadline: string;
}

export interface ConsultationForm {
  topic: string;
  source: ConsultationSource;
  sourceNote: string;
  date: string;
  place: string;
  host: PickedMember[];
  members: PickedMember[];
  minuteTaker: string;
  /** Counts as typed. */
  residents: string;
  officials: string;
  experts: string;
  issues: string;
  outcomes: OutcomeRow[];
  photos: StoredFile[];
  signInSheet: StoredFile | null;
  matterIds: string[];
  version: number | undefined;
}

const person = (p: { id: string; name: string; sector: string | null }): PickedMember => ({
  id: p.id,
  name: p.name,
  sector: p.sector ?? '',
});

/** A new log: today, at the studio, its host presiding and its members taking part. */
export function emptyForm(studio: StudioDetail | null, today: string): ConsultationForm {
  return {
    topic: '',
    source: 'matter',
    sourceNote: '',
    date: today,
    place: studio?.address ?? '',
    host: studio ? [{ id: studio.hostId, name: studio.hostName, sector: '' }] : [],
    members: studio?.members.map(person) ?? [],
    minuteTaker: '',
    residents: '0',
    officials: '0',
    experts: '0',
    issues: '',
    outcomes: [],
    photos: [],
    signInSheet: null,
    matterIds: [],
    version: undefined,
  };
}

export function fromDetail(c: ConsultationDetail): ConsultationForm {
  return {
    topic: c.topic,
    source: c.source,
    sourceNote: c.sourceNote,
    date: c.date,
    place: c.place,
    host: [{ id: c.hostMemberId, name: c.hostName, sector: '' }],
    members: c.members.map(person),
    minuteTaker: c.minuteTaker,
    residents: String(c.residents),
    officials: String(c.officials),
    experts: String(c.experts),
    issues: c.issues,
    outcomes: c.outcomes.map((o) => ({
      id: o.id,
      text: o.text,
      unit: o.unit,
      deadline: o.deadline ?? '',
    })),
    photos: c.photos,
    signInSheet: c.signInSheet,
    matterIds: c.matters.map((m) => m.id),
    version: c.version,
  };
}

/** A whole number as sent; anything else stays text so the contract's check names it. */
const countOf = (text: string): number | string =>
  /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : text.trim();

/** The payload for the form as it stands (counts not yet numbers stay text: the check names them). */
export function payloadOf(
  studioId: string,
  consultationId: string,
  f: ConsultationForm,
): SaveInput {
  const input = {
    ...(consultationId ? { consultationId } : {}),
    ...(f.version === undefined ? {} : { version: f.version }),
    studioId,
    topic: f.topic,
    source: f.source,
    sourceNote: f.sourceNote,
    date: f.date,
    place: f.place,
    hostMemberId: f.host[0]?.id ?? '',
    minuteTaker: f.minuteTaker,
    memberIds: f.members.map((m) => m.id),
    residents: countOf(f.residents),
    officials: countOf(f.officials),
    experts: countOf(f.experts),
    issues: f.issues,
    outcomes: f.outcomes.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      text: o.text,
      unit: o.unit,
      deadline: o.deadline || null,
    })),
    photos: f.photos,
    signInSheet: f.signInSheet,
    matterIds: f.matterIds,
  };
  return input as SaveInput;
}
