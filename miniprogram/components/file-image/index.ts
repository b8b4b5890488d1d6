import type { StoredFile } from '../../services/files';
import { imageSourceOf } from '../../services/files';

/**
 * A stored picture (a reading note's photo, a book's cover) as a thumbnail: the image once it
 * is reachable, a grey box with its label until then or when it cannot be loaded. Taps go to
 * the page (bind:tap on the element), which opens the picture full size.
 */
Component({
  properties: {
    file: { type: Object, value: null as StoredFile | null },
    /** Shown in the box while the picture loads or when it cannot be shown. */
    label: { type: String, value: '照片' },
  },
  data: { src: '', failed: false },
  observers: {
    file(file: StoredFile | null) {
      this.setData({ src: '', failed: false });
      if (!file?.fileId) return;
      const wanted = file.fileId;
      imageSourceOf(file).then(
        (src) => {
          if ((this.data.file as StoredFile | null)?.fileId === wanted) this.setData({ src });
        },
        () => this.setData({ failed: true }),
      );
    },
  },
  methods: {
    onError() {
      this.setData({ src: '', failed: true });
    },
  },
});
