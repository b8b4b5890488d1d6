import type { UiEvent } from '../../kit/events';
import { openFile, uploadEach, type StoredFile } from '../../services/files';
import { showError, showMessage } from '../../utils/toast';

/**
 * Photos of a form (a reading note, a resident's matter, a studio, a consultation log): the
 * chosen ones as thumbnails with their own delete, and a button that picks more from the album
 * or the camera and uploads each at once. Emits `change` with `{ value: StoredFile[] }` after
 * every stored photo or removal; the page keeps the list.
 */
Component({
  properties: {
    value: { type: Array, value: [] as StoredFile[] },
    max: { type: Number, value: 9 },
    /** The stored file's name: `<prefix><n>.jpg`. */
    namePrefix: { type: String, value: '照片' },
  },
  data: { uploading: '' },
  methods: {
    photos(): StoredFile[] {
      return this.data.value as StoredFile[];
    },

    onOpen(e: UiEvent<{ index?: number }>) {
      const photo = this.photos()[e.currentTarget.dataset.index ?? -1];
      if (photo) openFile(photo).catch(showError);
    },

    async onAdd() {
      const left = this.data.max - this.photos().length;
      if (left <= 0 || this.data.uploading) return;
      let picked: WechatMiniprogram.MediaFile[];
      try {
        picked = (
          await wx.chooseMedia({ count: left, mediaType: ['image'], sizeType: ['compressed'] })
        ).tempFiles;
      } catch {
        return; // cancelled
      }
      // The list is kept here as photos are stored, so none is lost if the page's answer to
      // one change has not come back down before the next upload ends.
      let photos = this.photos();
      const first = photos.length + 1;
      const failed = await uploadEach(
        picked.map((f, i) => ({
          path: f.tempFilePath,
          name: `${this.data.namePrefix}${first + i}.jpg`,
          size: f.size,
        })),
        (text) => this.setData({ uploading: text }),
        (stored) => {
          photos = [...photos, stored];
          this.triggerEvent('change', { value: photos });
        },
      );
      if (failed.length) showMessage(failed.join('\n'));
    },

    onRemove(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      this.triggerEvent('change', { value: this.photos().filter((_, i) => i !== index) });
    },
  },
});
