/** Short text asked for in a dialog: a reason for leave, a note for the record. */
import type { FieldErrors } from '../kit/validate';
import { showMessage } from './toast';

/** What is wrong with the answer (the message to show), or null when it can be sent. */
export type TextCheck = (text: string) => string | null;

export interface AskTextOptions {
  title: string;
  placeholder: string;
  confirmText?: string;
  /**
   * The server's check of the answer, usually `checkAt(path, (text) => checkInput(...))`:
   * its message titles the next attempt, which keeps what was typed.
   */
  check?: TextCheck;
  /** The input's cap, a generated limit: what is kept for the next attempt is cut to it. */
  maxLength?: number;
}

/** How many times a refused answer is asked again before giving up. */
const MAX_ATTEMPTS = 3;

/**
 * A check for `askText` from a form check (`checkInput(fn, action, payload)` with the text in
 * it): the message the server gives at `path`, or null when that field passes.
 */
export function checkAt(path: string, errorsFor: (text: string) => FieldErrors): TextCheck {
  return (text) => errorsFor(text)[path] ?? null;
}

/**
 * Asks for a line of text in WeChat's own dialog (large system text, the phone's keyboard).
 * Resolves to the trimmed text, or null when cancelled. An answer the check refuses is asked
 * again, the message as the title and what was typed kept, so an older member does not type
 * it twice; after three refusals the message is shown and nothing is sent.
 */
export async function askText(options: AskTextOptions): Promise<string | null> {
  const check = options.check ?? (() => null);
  const cap = options.maxLength;
  let title = options.title;
  let content = '';
  let problem = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const res = await wx.showModal({
      title,
      content,
      editable: true,
      placeholderText: options.placeholder,
      confirmText: options.confirmText ?? '确定',
      cancelText: '取消',
    });
    if (!res.confirm) return null;
    const text = (res.content ?? '').trim();
    problem = check(text) ?? '';
    if (!problem) return text;
    content = cap === undefined ? text : text.slice(0, cap);
    title = problem;
  }
  showMessage(problem);
  return null;
}

export interface ConfirmOptions {
  title: string;
  content: string;
  /** The confirming button, a verb: 保存, 放弃修改, 撤回. */
  confirmText: string;
  /** Red confirm button for what cannot be undone. */
  destructive?: boolean;
}

/** Asks before an action that changes what others see or cannot be undone; true to go ahead. */
export async function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const res = await wx.showModal({
    title: options.title,
    content: options.content,
    confirmText: options.confirmText,
    cancelText: '取消',
    ...(options.destructive ? { confirmColor: '#c5221f' } : {}),
  });
  return res.confirm;
}
