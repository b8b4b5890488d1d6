/** An opinion report as its author and the office read it: template-ready data. */
import type { OpinionDetail } from '../../../typings/contracts';
import { formatDateTime } from '../../utils/format';
import { formatDate } from '../../utils/ledger';
import { toTimeline, type TimelineRow } from '../proposal-view/view';
import {
  ADOPTION_LEVEL_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  levelText,
  OPINION_STATUS_LABELS,
  opinionStatusTheme,
  type TagTheme,
} from '../../utils/proposals';

export interface OpinionView {
  id: string;
  title: string;
  statusLabel: string;
  theme: TagTheme;
  authorName: string;
  submittedText: string;
  issue: string;
  highestText: string;
  body: string;
  /** The author's text when the office has edited it since, else ''. */
  originalBody: string;
  fromProposalId: string;
  declineReason: string;
  forwards: Array<{
    key: string;
    levelLabel: string;
    resultText: string;
    adopted: boolean;
    atText: string;
    by: string;
  }>;
  instructions: Array<{
    key: string;
    levelLabel: string;
    leader: string;
    text: string;
    atText: string;
  }>;
  feedback: Array<{ key: string; text: string; atText: string; by: string }>;
  timeline: TimelineRow[];
}

export function toOpinionView(o: OpinionDetail): OpinionView {
  return {
    id: o.id,
    title: o.title || '（未填写标题）',
    statusLabel: o.statusLabel || OPINION_STATUS_LABELS[o.status],
    theme: opinionStatusTheme(o.status),
    authorName: o.authorName,
    submittedText: o.submittedAt ? formatDateTime(o.submittedAt) : '',
    issue: o.issue ?? '',
    highestText: levelText(o.highestLevel),
    body: o.body,
    originalBody: o.originalBody && o.originalBody !== o.body ? o.originalBody : '',
    fromProposalId: o.fromProposalId ?? '',
    declineReason: o.declineReason ?? '',
    forwards: o.forwards.map((f, i) => ({
      key: String(i),
      levelLabel: ADOPTION_LEVEL_LABELS[f.level],
      resultText: f.adopted ? '已采用' : '已报送，未采用',
      adopted: f.adopted,
      atText: formatDate(f.at),
      by: f.by,
    })),
    instructions: o.instructions.map((x, i) => ({
      key: String(i),
      levelLabel: INSTRUCTION_LEVEL_LABELS[x.level],
      leader: x.leader,
      text: x.text,
      atText: formatDate(x.at),
    })),
    feedback: o.feedback.map((f, i) => ({
      key: String(i),
      text: f.text,
      atText: formatDate(f.at),
      by: f.by,
    })),
    timeline: toTimeline(o.timeline),
  };
}
