import type { Book } from '../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../kit/events';
import type { StoredFile } from '../../services/files';
import type { NoteFields } from '../../pages/reading/edit/form';

/**
 * A reading note's fields (title, text with its counter, the book, up to 9 photos), for the
 * note editor and for changing a sent note. It holds no form state: each edit goes up as
 * `change` with `{ patch, field }`, and the page decides what to do with it (autosave, keep).
 * Photos come from the photo picker, one `photos` change per stored photo.
 */
Component({
  properties: {
    form: { type: Object, value: null as NoteFields | null },
    books: { type: Array, value: [] as Book[] },
    counts: { type: Object, value: {} as WechatMiniprogram.IAnyObject },
    noteMax: { type: Number, value: 2000 },
    errors: { type: Object, value: {} as Record<string, string> },
  },
  data: { bodySize: { minHeight: 240 } },
  methods: {
    emit(patch: Partial<NoteFields>, field: keyof NoteFields) {
      this.triggerEvent('change', { patch, field });
    },

    fields(): NoteFields {
      return this.data.form as NoteFields;
    },

    onTitle(e: ValueEvent) {
      this.emit({ title: e.detail.value }, 'title');
    },

    onBody(e: ValueEvent) {
      this.emit({ body: e.detail.value }, 'body');
    },

    onBook(e: UiEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id ?? '';
      this.emit({ bookId: id === this.fields().bookId || !id ? null : id }, 'bookId');
    },

    onPhotos(e: UiEvent<object, { value: StoredFile[] }>) {
      this.emit({ photos: e.detail.value }, 'photos');
    },
  },
});
