/** A speech as its author and the office read it: template-ready data. */
import type { SpeechDetail } from '../../../typings/contracts';
import { formatDateTime } from '../../utils/format';
import { toTimeline, type TimelineRow } from '../proposal-view/view';
import { toSpeechItem, type SpeechItem } from '../../utils/speeches';

export interface SpeechView extends SpeechItem {
  submittedText: string;
  body: string;
  attachments: Array<{ fileId: string; name: string }>;
  returnNote: string;
  timeline: TimelineRow[];
}

export function toSpeechView(s: SpeechDetail): SpeechView {
  return {
    ...toSpeechItem(s),
    submittedText: s.submittedAt ? formatDateTime(s.submittedAt) : '',
    body: s.body,
    attachments: s.attachments,
    returnNote: s.status === 'returned' ? (s.returnNote ?? '') : '',
    timeline: toTimeline(s.timeline),
  };
}
