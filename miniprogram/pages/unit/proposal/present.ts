/** 承办单位办理: what the unit's proposal page shows of `proposals.unitGet`. */
import type { ReplyClass, UnitProposalView, UnitReplyDraft } from '../../../../typings/contracts';
import { checkInput, firstError } from '../../../kit/validate';
import {
  HANDLING_STAGE_LABELS,
  UNIT_REPLY_STATUS_LABELS,
  UNIT_ROLE_LABELS,
} from '../../../generated/contract';
import { formatDateTime } from '../../../utils/format';
import { formatDate } from '../../../utils/ledger';

export interface DraftView {
  statusLabel: string;
  replyClass: string;
  text: string;
  letterName: string;
  savedText: string;
  signOffs: string[];
  returnNote: string;
}

export interface UnitPageView {
  id: string;
  version: number;
  number: string;
  title: string;
  meta: string;
  roleLabel: string;
  stageLabel: string;
  modeText: string;
  deadlineText: string;
  late: boolean;
  objectionText: string;
  partnersText: string;
  cause: string;
  suggestion: string;
  attachments: Array<{ fileId: string; name: string }>;
  objection: string;
  acceptedText: string;
  draft: DraftView | null;
  leadDraft: DraftView | null;
  replies: Array<{
    round: number;
    replyClass: string;
    text: string;
    at: string;
    letter: { fileId: string; name: string } | null;
  }>;
  extensionText: string;
  can: UnitProposalView['can'];
}

export function toDraftView(d: UnitReplyDraft | null | undefined): DraftView | null {
  if (!d) return null;
  return {
    statusLabel: UNIT_REPLY_STATUS_LABELS[d.status],
    replyClass: d.replyClass,
    text: d.text,
    letterName: d.letter?.name ?? '',
    savedText: `${d.savedBy} 保存于 ${formatDateTime(d.savedAt)}`,
    signOffs: d.signOffs.map(
      (s) => `${s.name} ${formatDateTime(s.at)} 会签${s.note ? `：${s.note}` : ''}`,
    ),
    returnNote: d.status === 'returned' || d.status === 'draft' ? (d.returnNote ?? '') : '',
  };
}

const EXTENSION_STATUS = { pending: '待提案办审批', approved: '已同意', refused: '未同意' };

export function toUnitPage(v: UnitProposalView): UnitPageView {
  const draft = v.mine.draft && v.mine.draft.round === v.round ? v.mine.draft : null;
  return {
    id: v.id,
    version: v.version,
    number: v.number ?? '',
    title: v.title,
    meta: [
      v.category,
      `${v.leadName} 领衔`,
      v.coSignerNames.length ? `联名：${v.coSignerNames.join('、')}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    roleLabel: UNIT_ROLE_LABELS[v.mine.role],
    stageLabel: HANDLING_STAGE_LABELS[v.stage],
    modeText: v.mode === 'joint' ? '合办' : '分办',
    deadlineText: v.deadline
      ? `答复期限 ${formatDate(v.deadline)}${v.overdue ? '，已超期' : ''}`
      : '',
    late: v.overdue,
    objectionText:
      v.can.object && v.objectionUntil
        ? `如有异议，请于 ${formatDate(v.objectionUntil)} 前提出`
        : '',
    partnersText: v.partners.length
      ? v.partners.map((p) => `${p.name}（${UNIT_ROLE_LABELS[p.role]}）`).join('、')
      : '',
    cause: v.cause,
    suggestion: v.suggestion,
    attachments: v.attachments,
    objection: v.mine.objection ? v.mine.objection.reason : '',
    acceptedText: v.mine.acceptedAt ? `已于 ${formatDateTime(v.mine.acceptedAt)} 签收` : '',
    draft: toDraftView(draft),
    leadDraft: toDraftView(v.leadDraft),
    replies: v.mine.replies.map((r) => ({
      round: r.round,
      replyClass: r.replyClass,
      text: r.text,
      at: formatDateTime(r.at),
      letter: r.letter ?? null,
    })),
    extensionText: v.extension
      ? `申请延期 ${v.extension.days} 天（${EXTENSION_STATUS[v.extension.status]}）${v.extension.note ? `：${v.extension.note}` : ''}`
      : '',
    can: v.can,
  };
}

/**
 * The reply as the form holds it, checked as the server checks it (the contract, then the
 * settings' length): the input to send, or what is wrong.
 */
export function checkReply(
  proposalId: string,
  form: { replyClass: string; text: string; letter: { fileId: string; name: string } | null },
  maxText: number,
) {
  if (!form.replyClass) return { problem: '请选择答复类别' };
  const input = {
    proposalId,
    replyClass: form.replyClass as ReplyClass,
    text: form.text.trim(),
    letter: form.letter ? { fileId: form.letter.fileId, name: form.letter.name } : null,
  };
  const problem =
    firstError(checkInput('proposals', 'unitSaveReply', input)) ??
    (input.text.length > maxText ? `答复内容不能超过 ${maxText} 个字` : null);
  return problem ? { problem } : { input };
}
