import type {
  SpeechDelivery,
  SpeechDetail,
  SpeechStatus,
} from '../../../typings/contracts/speeches';
import type { StoredDoc } from '../../store/port';

/** `speeches/<id>`: a plenary speech text (大会发言); a draft's id derives from the device's draft id. */
export interface SpeechDoc extends StoredDoc {
  year: number;
  /** The plenary meeting it is for (null: for the year); `startsAt` dates its points. */
  meeting: { id: string; title: string; startsAt: string } | null;
  status: SpeechStatus;
  delivery: SpeechDelivery;
  clientDraftId: string;
  revision: number;
  authorId: string;
  authorName: string;
  authorSector: string | null;
  title: string;
  body: string;
  attachments: Array<{ fileId: string; name: string }>;
  returnNote: string | null;
  timeline: SpeechDetail['timeline'];
  submittedAt: string | null;
  /** The committee settings version it was last submitted under. */
  settingsVersion: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}
