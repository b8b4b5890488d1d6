import type { Book } from '../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../kit/events';
import { openFile, uploadEach, type PickedFile, type StoredFile } from '../../services/files';
import { showError, showMessage } from '../../utils/toast';
import type { NoteFields } from '../../pages/reading/edit/form';

/**
 * A reading note's fields (title, text with its counter, the book, up to 9 photos), for the
 * note editor and for changing a sent note. It holds no form state: each edit goes up as
 * `change` with `{ patch, field }`, and the page decides what to do with it (autosave, keep).
 * Photos are uploaded here as they are picked and go up as one `photos` change each.
 */
Component({
  properties: {
    form: { type: Object, value: null as NoteFields | null },
    books: { type: Array, value: [] as Book[] },
    counts: { type: Object, value: {} as WechatMiniprogram.IAnyObject },
    noteMax: { type: Number, value: 2000 },
    errors: { type: Object, value: {} as Record<string, string> },
  },
  data: { uploading: '', bodySize: { minHeight: 240 } },
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

    onPhoto(e: UiEvent<{ index?: number }>) {
      const photo = this.fields().photos[e.currentTarget.dataset.index ?? -1];
      if (photo) openFile(photo).catch(showError);
    },

    async onAddPhotos() {
      const left = (this.data.counts as { photosLeft: number }).photosLeft;
      if (left <= 0 || this.data.uploading) return;
      let picked: PickedFile[];
      try {
        const res = await wx.chooseMedia({
          count: left,
          mediaType: ['image'],
          sizeType: ['compressed'],
        });
        picked = res.tempFiles.map((f, i) => ({
          path: f.tempFilePath,
          name: `读书照片${i + 1}.jpg`,
          size: f.size,
        }));
      } catch {
        return; // cancelled
      }
      // Each stored photo goes up at once; the list is kept here so that none is lost if the
      // page's answer to one change has not come back down before the next upload ends.
      let photos = this.fields().photos;
      const failed = await uploadEach(
        picked,
        (text) => this.setData({ uploading: text }),
        (stored: StoredFile) => {
          photos = [...photos, stored];
          this.emit({ photos }, 'photos');
        },
      );
      if (failed.length) showMessage(failed.join('\n'));
    },

    onRemovePhoto(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      this.emit({ photos: this.fields().photos.filter((_, i) => i !== index) }, 'photos');
    },
  },
});
