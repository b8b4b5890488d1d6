import type { PostSummary } from '../../../typings/contracts';

/**
 * One post in a feed (书香政协): kind, author, group or book, title and excerpt, a photo count,
 * likes and comments, 精选, and the status when it is not public yet. Emits `open` with `{ id }`.
 */
Component({
  properties: {
    post: { type: Object, value: null as PostSummary | null },
    /** Show the group's name (the club's and a book's feeds), not only the author. */
    showGroup: { type: Boolean, value: false },
  },
  methods: {
    onTap() {
      const post = this.data.post as PostSummary | null;
      if (post) this.triggerEvent('open', { id: post.id, status: post.status });
    },
  },
});
