/** How the policy page shows a policy, its state and a recomputation (no editing here). */
import type {
  PointRule,
  PolicyBody,
  PolicyView,
  RecomputePreview,
  Split,
} from '../../../../typings/contracts';
import {
  formatDate,
  formatPoints,
  gradeBandTexts,
  policyVersionText,
  ruleGroups,
  signedPoints,
  signOf,
  type RuleGroup,
  type Sign,
} from '../../../utils/ledger';
import type { RuleRow } from './policy-form';

/** How joint work shares a rule's points (a display phrase, not a contract label). */
export const SPLIT_LABELS: Record<Split, string> = {
  each: '各得全分',
  leadHalf: '领衔得一半其余均分',
  equal: '平均分配',
};

export interface PolicyStatus {
  title: string;
  version: number;
  /** 默认 / 第 N 版 已发布 / 草稿 */
  statusText: string;
  /** When and by whom it was published, or what the default means. */
  detailText: string;
}

export function statusOf(p: PolicyView): PolicyStatus {
  if (p.status === 'draft')
    return { title: p.title, version: p.version, statusText: '草稿', detailText: '' };
  if (p.status === 'default' || p.version === 0)
    return {
      title: p.title,
      version: 0,
      statusText: '默认',
      detailText: `${p.year} 年度尚未发布考核办法，按系统默认办法记分。`,
    };
  const when = p.publishedAt ? `${formatDate(p.publishedAt)} ` : '';
  const who = p.publishedBy ? `由${p.publishedBy}` : '';
  return {
    title: p.title,
    version: p.version,
    statusText: `第 ${p.version} 版 已发布`,
    detailText: when || who ? `${when}${who}发布` : '',
  };
}

/** The policy in force, to read (staff who are not admins). */
export interface ReadonlyPolicy {
  /** Base score, pass line and rank; then the bands. */
  lines: string[];
  /** Each rule with its meta (split and group). */
  groups: RuleGroup[];
}

function ruleMeta(r: Pick<PointRule, 'split' | 'group'>): string {
  return r.group ? `${SPLIT_LABELS[r.split]} · 同组只计最高：${r.group}` : SPLIT_LABELS[r.split];
}

export function capText(cap: number | undefined): string {
  return cap ? `上限 ${formatPoints(cap)} 分` : '不设上限';
}

export function readonlyPolicy(p: PolicyBody): ReadonlyPolicy {
  return {
    lines: [
      `基础分 ${formatPoints(p.baseScore)} 分，合格线 ${formatPoints(p.passLine)} 分；` +
        `${p.showRank ? '委员可以看到自己的排名' : '不向委员显示排名'}。`,
      ...gradeBandTexts(p.grades),
    ],
    groups: ruleGroups(p, { cap: capText, meta: ruleMeta }),
  };
}

/** The second line of a rule in the editor: how joint work shares it, its group. */
export function ruleMetaText(r: Pick<RuleRow, 'split' | 'group'>): string {
  const group = r.group.trim();
  return ruleMeta(group ? { split: r.split, group } : { split: r.split });
}

export interface ChangeItem {
  memberId: string;
  name: string;
  beforeText: string;
  afterText: string;
  deltaText: string;
  sign: Sign;
}

export interface RecomputeView {
  toVersion: number;
  toText: string;
  fromText: string;
  /** Accounts still on an older version (they would be recomputed). */
  members: number;
  changed: ChangeItem[];
}

export function recomputeView(p: RecomputePreview): RecomputeView {
  return {
    toVersion: p.toVersion,
    toText: policyVersionText(p.toVersion),
    fromText: p.fromVersions.map(policyVersionText).join('、'),
    members: p.members,
    changed: p.changed.map((c) => ({
      memberId: c.memberId,
      name: c.name || '（未知委员）',
      beforeText: formatPoints(c.before),
      afterText: formatPoints(c.after),
      deltaText: signedPoints(c.delta),
      sign: signOf(c.delta),
    })),
  };
}
