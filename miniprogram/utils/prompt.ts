/** Short text asked for in a dialog: a reason for leave, a note for the record. */
import { showMessage } from './toast';

export interface AskTextOptions {
  title: string;
  placeholder: string;
  confirmText?: string;
  /** 0: the text may be left empty. */
  minLength?: number;
  maxLength?: number;
  /** Shown when the text is too short; a second chance follows with the text kept. */
  tooShort?: string;
}

/** How many times a too-short answer is asked again before giving up. */
const MAX_ATTEMPTS = 3;

/**
 * Asks for a line of text in WeChat's own dialog (large system text, the phone's keyboard).
 * Resolves to the trimmed text, or null when cancelled. Too short (or too long) an answer is
 * asked again with what was typed kept, so an older member does not type it twice.
 */
export async function askText(options: AskTextOptions): Promise<string | null> {
  const min = options.minLength ?? 0;
  const max = options.maxLength ?? 200;
  const tooShort = options.tooShort ?? `请至少填写 ${min} 个字`;
  let title = options.title;
  let content = '';
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
    if (text.length >= min && text.length <= max) return text;
    content = text.slice(0, max);
    title = text.length > max ? `最多 ${max} 个字` : tooShort;
  }
  showMessage(tooShort);
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
