/** The policy page's editor state: the form, what the panels derive from it, a refusal told. */
import type { PolicyBody } from '../../../../typings/contracts';
import { isApiCallError } from '../../../services/errors';
import { issuesOf, placeIssues } from './form-issues';
import { loadLocal } from './local-draft';
import {
  basisOf,
  formFromPolicy,
  noErrors,
  ruleLayout,
  type PolicyErrors,
  type PolicyForm,
} from './policy-form';
import { capText, ruleMetaText } from './policy-view';

export const TOP_TEXT_FIELDS = ['title', 'baseScore', 'passLine'] as const;
export type TopTextField = (typeof TOP_TEXT_FIELDS)[number];
export type Edit = { patch?: Record<string, unknown>; form?: PolicyForm; errors?: PolicyErrors };

export function emptyForm(): PolicyForm {
  return {
    title: '',
    baseScore: '',
    passLine: '',
    showRank: false,
    categories: [],
    rules: [],
    grades: [],
  };
}

/** What the panels derive from the form. */
export function derived(form: PolicyForm) {
  const ids = form.categories.map((c) => c.id);
  return {
    layout: ruleLayout(form),
    categoryLabels: form.categories.map((c) => c.label.trim() || '未命名类别'),
    capTexts: form.categories.map((c) => capText(Number(c.cap) || undefined)),
    ruleCategory: form.rules.map((r) => ids.indexOf(r.category)),
    ruleMeta: form.rules.map(ruleMetaText),
  };
}

/** The form for `source`, or the edits this phone kept for the year. */
export function editing(year: number, source: PolicyBody) {
  const basis = basisOf(source);
  const kept = loadLocal(year);
  const form = kept ? kept.form : formFromPolicy(source);
  const restored = kept !== null;
  return {
    _basis: basis,
    dirty: restored,
    restored,
    staleBasis: restored && kept.basis !== basis,
    form,
    errors: noErrors(form),
    ...derived(form),
  };
}

/** How a refused save or publish is told: data to set and a message, or null (a plain error). */
export function refusal(
  err: unknown,
  body: PolicyBody | null,
  form: PolicyForm,
): { patch: Record<string, unknown>; message: string; title?: string } | null {
  if (!isApiCallError(err)) return null;
  if (err.code === 'AUTH.FORBIDDEN')
    return {
      patch: {},
      message: '只有管理员可以保存和发布考核办法。您的修改没有保存到服务器，仍保留在本机。',
      title: '没有权限',
    };
  if (err.code === 'REQUEST.INVALID' && body) {
    const { errors, lines } = placeIssues(issuesOf(err.details), body, form);
    return {
      patch: { errors, serverIssues: { message: err.message, lines } },
      message: err.message,
      title: '服务器未接受',
    };
  }
  if (err.code === 'LEDGER.NO_DRAFT')
    return {
      patch: { hasDraft: false },
      message: '服务器上没有可发布的草稿（可能已被其他管理员发布）。请先保存草稿。',
    };
  return null;
}

export async function confirmPublish(year: number, next: number): Promise<boolean> {
  const sure = await wx.showModal({
    title: '发布考核办法',
    content:
      `发布后，${year} 年度的新记分按第 ${next} 版计算，委员可以看到新的办法。` +
      '已记的积分仍按原来的版本计算，直到执行“重算”。确定发布吗？',
    confirmText: '发布',
    cancelText: '取消',
  });
  return sure.confirm;
}

export async function offerPreview(version: number): Promise<boolean> {
  const now = await wx.showModal({
    title: `已发布第 ${version} 版`,
    content: '已记的积分仍按原来的版本计算。现在预览重算，查看各委员积分的变化吗？',
    confirmText: '预览重算',
    cancelText: '稍后',
  });
  return now.confirm;
}

export function scrollTo(selector: string): void {
  try {
    wx.pageScrollTo({ selector, duration: 300 });
  } catch {
    // Not offered: the member scrolls.
  }
}
