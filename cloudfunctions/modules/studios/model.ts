import { createHash } from 'node:crypto';
import type {
  ConsultationSource,
  ConsultationStatus,
  MatterStatus,
  OutcomeDraftKind,
} from '../../../typings/contracts/studios';
import type { StoredDoc } from '../../store/port';
import type { LinkedMeeting } from '../meetings/linked';

/** The studios module's collections. */
export const C = {
  studios: 'studios',
  matters: 'studio_matters',
  consultations: 'studio_consultations',
  /** One per outcome, kind and member: a draft asked for, and the draft it became. */
  drafts: 'studio_drafts',
  /** One per meeting a planned log was published as: what the meetings module is asked to do. */
  meetings: 'studio_meetings',
} as const;

export type File = { fileId: string; name: string };

/** `studios/<id>` */
export interface StudioDoc extends StoredDoc {
  name: string;
  theme: string;
  address: string;
  location: { latitude: number; longitude: number } | null;
  hours: string;
  intro: string;
  contact: string;
  photos: File[];
  hostId: string;
  hostName: string;
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `studio_matters/<id>`: a resident's matter, keyed to the WeChat account that raised it. */
export interface MatterDoc extends StoredDoc {
  studioId: string;
  studioName: string;
  openid: string;
  topic: string;
  description: string;
  photos: File[];
  contactName: string;
  contactPhone: string;
  /** The content check asked for a person (the host reads it before acting). */
  flagged: boolean;
  status: MatterStatus;
  reply: string | null;
  consultationId: string | null;
  progress: Array<{ at: string; text: string }>;
  /** Beijing day it was raised, for the per-account daily limit. */
  day: string;
  createdAt: string;
  updatedAt: string;
}

export interface FollowUpDoc {
  at: string;
  text: string;
  byName: string;
}

export interface OutcomeDoc {
  id: string;
  text: string;
  unit: string;
  deadline: string | null;
  done: boolean;
  followUps: FollowUpDoc[];
}

/** `studio_consultations/<id>` */
export interface ConsultationDoc extends StoredDoc {
  studioId: string;
  studioName: string;
  topic: string;
  source: ConsultationSource;
  sourceNote: string;
  date: string;
  place: string;
  hostMemberId: string;
  hostName: string;
  minuteTaker: string;
  members: Array<{ id: string; name: string; sector: string | null }>;
  residents: number;
  officials: number;
  experts: number;
  issues: string;
  outcomes: OutcomeDoc[];
  feedback: string;
  photos: File[];
  signInSheet: File | null;
  matterIds: string[];
  status: ConsultationStatus;
  /** The earliest deadline of an outcome not yet carried out (for the overdue lists). */
  nextDeadline: string | null;
  /** The deadline reminders already queued, by outcome id (absent: none yet). */
  reminded?: Record<string, 'soon' | 'overdue'>;
  /** The meeting of kind 协商活动 it was last published as, and how many it has had. */
  meetingId?: string | null;
  meetingRound?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * `studio_meetings/<meetingId>`: the meeting a planned log asked for (`publish`) or no longer
 * wants (`cancel`, the log was deleted); the `studioMeeting` consumer carries it out once.
 */
export interface MeetingLinkDoc extends StoredDoc {
  studioId: string;
  consultationId: string;
  want: 'publish' | 'cancel';
  applied: boolean;
  spec: LinkedMeeting;
  createdAt: string;
  updatedAt: string;
}

/** `studio_drafts/<id>`: one outcome turned into a draft by one member. */
export interface DraftLinkDoc extends StoredDoc {
  studioId: string;
  consultationId: string;
  outcomeId: string;
  kind: OutcomeDraftKind;
  memberId: string;
  memberName: string;
  clientDraftId: string;
  /** The proposal's or report's id (derived as its own editor would derive it). */
  draftId: string;
  title: string;
  body: { cause: string; suggestion: string; text: string };
  origin: { studioName: string; topic: string; date: string };
  /** The draft is in the proposals or opinions store. */
  applied: boolean;
  createdAt: string;
}

export function hashId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24)}`;
}
