/**
 * 代录's notice on a detail page: to the member, "the office entered this for you, check it and
 * confirm or send it back"; to the office, "waiting for the member; for a member without a
 * phone, confirm for them". Emits `decide` with `{ accept }`; the page asks for the note
 * (`kit/entry-confirm.ts`) and calls its module's `confirmEntry`.
 */
import type { UiEvent } from '../../kit/events';

Component({
  properties: {
    /** The office is looking (it confirms for the member, never sends back). Default false. */
    byOffice: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
    /** What was entered: 这件提案, 这篇信息… */
    noun: { type: String, value: '这件提案' },
    /** What the member should check: 标题、案由和建议… */
    check: { type: String, value: '内容' },
    /** Where a confirmation sends it: 提交, 报送. */
    verb: { type: String, value: '提交' },
  },
  methods: {
    onDecide(e: UiEvent<{ accept?: boolean }>) {
      this.triggerEvent('decide', { accept: e.currentTarget.dataset.accept === true });
    },
  },
});
