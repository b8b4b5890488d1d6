/** What the member page shows of a roster entry and of its audit trail, in the office's words. */
import type { AuditEntry, Role, RosterEntry } from '../../../../typings/contracts';
import { formatDateTime, orNotSet, roleLabels } from '../../../utils/format';

export interface HeadView {
  name: string;
  unitText: string;
  bound: boolean;
  active: boolean;
  standing: boolean;
}

export interface InfoRow {
  key: string;
  label: string;
  value: string;
}

export interface AuditRow {
  id: string;
  when: string;
  actor: string;
  what: string;
  /** What changed (姓名：张三 → 李四), '' when the action says it all. */
  detail: string;
  reason: string;
}

/** The fields an edit can change, as the form and the trail name them. */
const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  sector: '界别',
  specialCommittee: '专委会',
  standingMember: '常委',
  phone: '手机号',
  term: '届次',
  roles: '角色',
};

/** What was done, for the actions that leave a member's trail. */
const ACTION_LABELS: Record<string, string> = {
  'members.updateEntry': '修改信息',
  'members.setRoles': '修改角色',
  'members.unbind': '解除绑定',
  'members.issueInviteCode': '生成邀请码',
  'ledger.awardPoints': '登记加分或扣分',
};

/** Sector and committee; an office account (no sector) by its roles. */
function unitText(e: RosterEntry): string {
  if (!e.sector && !e.specialCommittee) return roleLabels(e.roles).join('、') || orNotSet(null);
  return e.specialCommittee ? `${orNotSet(e.sector)} · ${e.specialCommittee}` : orNotSet(e.sector);
}

export function toHead(e: RosterEntry): HeadView {
  return {
    name: e.name,
    unitText: unitText(e),
    bound: e.bound,
    active: e.active,
    standing: e.standingMember,
  };
}

export function infoRows(e: RosterEntry): InfoRow[] {
  return [
    { key: 'gender', label: '性别', value: orNotSet(e.gender) },
    { key: 'sector', label: '界别', value: orNotSet(e.sector) },
    { key: 'committee', label: '专委会', value: orNotSet(e.specialCommittee) },
    { key: 'standing', label: '常委', value: e.standingMember ? '是' : '否' },
    { key: 'phone', label: '手机号', value: orNotSet(e.phone) },
    { key: 'term', label: '届次', value: orNotSet(e.term) },
    {
      key: 'bound',
      label: '微信绑定',
      value: e.boundAt ? `已绑定（${formatDateTime(e.boundAt)}）` : '未绑定',
    },
  ];
}

function valueText(key: string, value: unknown): string {
  if (key === 'roles' && Array.isArray(value)) return roleLabels(value as Role[]).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && value.trim()) return value;
  return '未填写';
}

function changes(before: unknown, after: unknown): string {
  if (!after || typeof after !== 'object') return '';
  const was = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  return Object.entries(after as Record<string, unknown>)
    .filter(([key]) => key in FIELD_LABELS)
    .map(([key, v]) => `${FIELD_LABELS[key]}：${valueText(key, was[key])} → ${valueText(key, v)}`)
    .join('；');
}

function whatOf(a: AuditEntry): string {
  if (a.action === 'members.setActive') {
    return (a.after as { active?: boolean } | null)?.active ? '启用' : '停用';
  }
  return ACTION_LABELS[a.action] ?? '其他操作';
}

function detailOf(a: AuditEntry): string {
  if (a.action === 'members.setActive') return '';
  if (a.action === 'ledger.awardPoints') return (a.after as { title?: string } | null)?.title ?? '';
  return changes(a.before, a.after);
}

export function toAuditRow(a: AuditEntry): AuditRow {
  return {
    id: a.id,
    when: formatDateTime(a.at),
    actor: a.actorName || '系统',
    what: whatOf(a),
    detail: detailOf(a),
    reason: a.reason ?? '',
  };
}
