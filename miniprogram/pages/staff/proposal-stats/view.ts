/** The office's proposal statistics, ready for the template. */
import type { ProposalStats, ReplyClass } from '../../../../typings/contracts';
import { formatPercent, REPLY_CLASS_LABELS, shareText } from '../../../utils/proposals';

export interface StatsView {
  counts: Array<{ key: string; label: string; value: number }>;
  replyRateText: string;
  satisfactionRateText: string;
  overdue: number;
  replyClasses: Array<{ key: ReplyClass; label: string; count: number; shareText: string }>;
  repliedTotal: number;
  byUnit: Array<{
    unitId: string;
    name: string;
    assigned: number;
    replied: number;
    overdue: number;
    replyRateText: string;
    satisfiedText: string;
  }>;
  bySector: Array<{ sector: string; received: number; accepted: number; acceptedText: string }>;
}

const COUNT_LABELS: Array<[keyof ProposalStats['counts'], string]> = [
  ['received', '收到'],
  ['accepted', '立案'],
  ['merged', '并案'],
  ['converted', '转社情民意'],
  ['rejected', '不予立案'],
  ['pending', '待审查'],
];

export function toStatsView(s: ProposalStats): StatsView {
  const classes = Object.keys(REPLY_CLASS_LABELS) as ReplyClass[];
  const repliedTotal = classes.reduce((sum, c) => sum + (s.replyClasses[c] ?? 0), 0);
  return {
    counts: COUNT_LABELS.map(([key, label]) => ({ key, label, value: s.counts[key] })),
    // A rate of nothing (no accepted proposal, no rating yet) is null.
    replyRateText: s.replyRate === null ? '—' : formatPercent(s.replyRate),
    satisfactionRateText: s.satisfactionRate === null ? '—' : formatPercent(s.satisfactionRate),
    overdue: s.overdue,
    replyClasses: classes.map((c) => ({
      key: c,
      label: `${c} 类 ${REPLY_CLASS_LABELS[c]}`,
      count: s.replyClasses[c] ?? 0,
      shareText: shareText(s.replyClasses[c] ?? 0, repliedTotal),
    })),
    repliedTotal,
    byUnit: s.byUnit.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      assigned: u.assigned,
      replied: u.replied,
      overdue: u.overdue,
      replyRateText: shareText(u.replied, u.assigned),
      satisfiedText:
        u.evaluated > 0
          ? `${shareText(u.satisfied, u.evaluated)}（${u.satisfied}/${u.evaluated}）`
          : '—',
    })),
    bySector: s.bySector.map((x) => ({
      sector: x.sector,
      received: x.received,
      accepted: x.accepted,
      acceptedText: shareText(x.accepted, x.received),
    })),
  };
}
