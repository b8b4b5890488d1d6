import type { CommentView, PostDetail } from '../../../../typings/contracts';
import { READING_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { checkInput, firstError } from '../../../kit/validate';
import { api } from '../../../services/api';
import { openFile } from '../../../services/files';
import { askText, checkAt, confirmAction } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

/** Why the author (or staff) does not see the post in the feeds yet, in words. */
const WAITING: Partial<Record<PostDetail['status'], string>> = {
  checking: '内容安全检测中，通过后即对全体委员公开。',
  reviewing: '正在等待工作人员审核，通过后即对全体委员公开。',
  refused: '未通过内容安全检测，未对他人显示。',
  hidden: '已被工作人员屏蔽，仅您和工作人员可见。',
};

/** Comments by thread: each top-level comment followed by its replies, in time order. */
export function threaded(comments: CommentView[]): CommentView[] {
  const tops = comments.filter((c) => !c.replyTo);
  const seen = new Set<string>();
  const out: CommentView[] = [];
  for (const top of tops) {
    out.push(top);
    seen.add(top.id);
    for (const r of comments) {
      if (r.replyTo?.commentId !== top.id || seen.has(r.id)) continue;
      out.push(r);
      seen.add(r.id);
    }
  }
  return out.concat(comments.filter((c) => !seen.has(c.id)));
}

/** A post: text, photos, the book, likes, comments with one level of replies, report, 精选. */
Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    post: null as PostDetail | null,
    waiting: '',
    comments: [] as CommentView[],
    moreComments: '',
    commentText: '',
    commentMax: READING_LIMITS.comment,
    replyTo: null as { id: string; name: string } | null,
    sending: false,
    _notFoundCode: 'READING.POST_NOT_FOUND',
  },
  methods: {
    async fetchItem(postId: string): Promise<WechatMiniprogram.IAnyObject> {
      const post = await api.reading.getPost({ postId });
      const comments = post.can.comment
        ? await api.reading.listComments({ postId })
        : { items: [], nextCursor: null };
      return {
        post,
        waiting: WAITING[post.status] ?? '',
        comments: threaded(comments.items),
        moreComments: comments.nextCursor ?? '',
      };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onPhoto(e: UiEvent<{ index?: number }>) {
      const photo = this.data.post?.photos[e.currentTarget.dataset.index ?? -1];
      if (photo) openFile(photo).catch(showError);
    },

    async onLike() {
      const post = this.data.post;
      if (!post?.can.like) return;
      const liked = !post.liked;
      this.setData({ 'post.liked': liked, 'post.likeCount': post.likeCount + (liked ? 1 : -1) });
      try {
        const r = await api.reading.like({ postId: post.id, liked });
        this.setData({ 'post.liked': r.liked, 'post.likeCount': r.likeCount });
        markChanged('reading');
      } catch (err) {
        this.setData({ 'post.liked': post.liked, 'post.likeCount': post.likeCount });
        showError(err);
      }
    },

    onCommentText(e: ValueEvent) {
      this.setData({ commentText: e.detail.value });
    },

    onReply(e: UiEvent<{ id?: string; name?: string }>) {
      const { id, name } = e.currentTarget.dataset;
      if (id) this.setData({ replyTo: { id, name: name ?? '' } });
    },

    onCancelReply() {
      this.setData({ replyTo: null });
    },

    async onSend() {
      const post = this.data.post;
      if (!post || this.data.sending) return;
      const input = {
        postId: post.id,
        body: this.data.commentText,
        replyTo: this.data.replyTo?.id ?? null,
      };
      const problem = firstError(checkInput('reading', 'comment', input));
      if (problem) return showMessage(problem);
      this.setData({ sending: true });
      try {
        const c = await api.reading.comment(input);
        this.setData({
          commentText: '',
          replyTo: null,
          comments: threaded([...this.data.comments, c]),
        });
        if (c.status !== 'published')
          showMessage(`评论已提交（${c.statusLabel}），通过后对他人显示。`);
        markChanged('reading');
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },

    async onMoreComments() {
      const post = this.data.post;
      if (!post || !this.data.moreComments) return;
      try {
        const page = await api.reading.listComments({
          postId: post.id,
          cursor: this.data.moreComments,
        });
        const known = new Set(this.data.comments.map((c) => c.id));
        this.setData({
          comments: threaded([
            ...this.data.comments,
            ...page.items.filter((c) => !known.has(c.id)),
          ]),
          moreComments: page.nextCursor ?? '',
        });
      } catch (err) {
        showError(err);
      }
    },

    async onDeleteComment(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const c = this.data.comments[index];
      if (!c) return;
      const ok = await confirmAction({
        title: '删除评论',
        content: '删除后不能恢复。确定删除这条评论吗？',
        confirmText: '删除',
        destructive: true,
      });
      if (!ok) return;
      try {
        await api.reading.deleteComment({ commentId: c.id });
        this.setData({ comments: this.data.comments.filter((_, i) => i !== index) });
        markChanged('reading');
      } catch (err) {
        showError(err);
      }
    },

    async onReport() {
      const post = this.data.post;
      if (!post) return;
      const reason = await askText({
        title: '举报原因',
        placeholder: '例如：与读书无关、含不实信息',
        confirmText: '举报',
        maxLength: READING_LIMITS.reason,
        check: checkAt('reason', (reason) =>
          checkInput('reading', 'report', { postId: post.id, reason }),
        ),
      });
      if (!reason) return;
      try {
        await api.reading.report({ postId: post.id, reason });
        showMessage('已收到您的举报，工作人员会尽快核查。');
      } catch (err) {
        showError(err);
      }
    },

    async onFeature() {
      const post = this.data.post;
      if (!post) return;
      try {
        const next = await api.reading.feature({ postId: post.id, featured: !post.featured });
        this.setData({ post: next });
        markChanged('reading');
        showSuccess(next.featured ? '已设为精选' : '已取消精选');
      } catch (err) {
        showError(err);
      }
    },

    async onDelete() {
      const post = this.data.post;
      if (!post) return;
      const ok = await confirmAction({
        title: '删除',
        content: '删除后其他委员将看不到，由此获得的履职积分也会相应扣回。确定删除吗？',
        confirmText: '删除',
        destructive: true,
      });
      if (!ok) return;
      try {
        await api.reading.deletePost({ postId: post.id });
        markChanged('reading', 'ledger');
        showSuccess('已删除');
        wx.navigateBack().catch(() => undefined);
      } catch (err) {
        showError(err);
      }
    },

    onRevise() {
      const post = this.data.post;
      if (!post?.can.edit) return;
      // A draft goes on in the editor (autosaved to the server); a sent post is changed whole.
      const page = post.status === 'draft' ? 'edit' : 'revise';
      wx.navigateTo({ url: `/pages/reading/${page}/index?id=${post.id}` });
    },

    onGroup() {
      const post = this.data.post;
      if (post) wx.navigateTo({ url: `/pages/reading/group/index?id=${post.groupId}` });
    },
  },
});
