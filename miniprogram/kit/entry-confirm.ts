/**
 * 代录's confirmation, the page side (the notice: components/entry-notice): the member confirms
 * with one question, or sends it back saying why; the office confirms for a member without a
 * phone, saying how the member agreed. Resolves to the call's payload part, or null when the
 * person cancelled.
 */
import { askText, confirmAction } from '../utils/prompt';

export interface EntryWords {
  /** What was entered: 这件提案, 这篇信息. */
  noun: string;
  /** What a confirmation does: "这件提案将以您的名义提交，进入联名确认或审查。" */
  confirmContent: string;
  /** The verb of confirming: 提交, 报送. */
  verb: string;
}

export async function askEntryDecision(
  accept: boolean,
  byOffice: boolean,
  words: EntryWords,
): Promise<{ accept: boolean; note?: string } | null> {
  if (byOffice || !accept) {
    const note = await askText({
      title: byOffice ? '代委员确认' : `退回代录的${words.noun.slice(2)}`,
      placeholder: byOffice ? '请说明委员是如何确认的（如：已电话确认）' : '请说明需要修改的地方',
      confirmText: byOffice ? `确认${words.verb}` : '退回',
    });
    return note === null ? null : { accept, note };
  }
  const sure = await confirmAction({
    title: `确认${words.verb}`,
    content: `确认后，${words.confirmContent}`,
    confirmText: `确认${words.verb}`,
  });
  return sure ? { accept } : null;
}
