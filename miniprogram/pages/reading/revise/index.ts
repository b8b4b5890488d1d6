import type { Book, PostDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { detailPage } from '../../../kit/detail-page';
import { markChanged } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { callWith, api, newRequestId } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { confirmAction } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  DEFAULT_NOTE_RULES,
  emptyNote,
  noteCounts,
  noteProblems,
  type NoteFields,
} from '../edit/form';
import { dropRevision, keepRevision, loadRevision, type Revision } from './revision';

const fieldsOf = (p: PostDetail): NoteFields => ({
  groupId: p.groupId,
  kind: p.kind === 'guide' ? 'guide' : 'note',
  bookId: p.bookId,
  title: p.title,
  body: p.body,
  photos: p.photos.map((ph) => ({ fileId: ph.fileId, name: ph.name })),
});

/**
 * Changing a sent note or guide reading: the same fields as the editor, kept on the phone as
 * they are typed, then sent whole. The post is checked again and hidden from others until it
 * passes, which the member is told before sending.
 */
Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _notFoundCode: 'READING.POST_NOT_FOUND',
    _revision: null as Revision | null,
    form: null as NoteFields | null,
    books: [] as Book[],
    rules: DEFAULT_NOTE_RULES,
    counts: noteCounts(emptyNote('', 'note')),
    errors: {} as Record<string, string>,
    locked: '',
    restored: false,
    saving: false,
  },
  methods: {
    async fetchItem(postId: string) {
      const [post, settings] = await Promise.all([
        api.reading.getPost({ postId }),
        loadSettings().catch(() => null),
      ]);
      const rules = settings?.posts ?? DEFAULT_NOTE_RULES;
      if (!post.can.edit || post.status === 'draft')
        return { form: null, locked: '这篇内容现在不能修改。' };
      const kept = loadRevision(postId, post.version);
      const revision: Revision = kept ?? {
        postId,
        version: post.version,
        requestId: newRequestId(),
        fields: fieldsOf(post),
      };
      const group = await api.reading.getGroup({ groupId: post.groupId }).catch(() => null);
      return {
        _revision: revision,
        form: revision.fields,
        books: group?.books ?? [],
        rules,
        counts: noteCounts(revision.fields, rules),
        restored: kept !== null,
        locked: '',
        errors: {},
      };
    },

    onFields(e: UiEvent<object, { patch: Partial<NoteFields>; field: keyof NoteFields }>) {
      const revision = this.data._revision;
      if (!revision) return;
      const fields = { ...revision.fields, ...e.detail.patch };
      const next = { ...revision, fields };
      keepRevision(next);
      this.setData({
        _revision: next,
        form: fields,
        counts: noteCounts(fields, this.data.rules),
        [`errors.${e.detail.field}`]: '',
      });
    },

    async onSave() {
      const revision = this.data._revision;
      if (!revision || this.data.saving) return;
      const errors = noteProblems(revision.fields, this.data.rules);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return showMessage('还有内容需要补充，请按红色提示修改。');
      }
      const ok = await confirmAction({
        title: '保存修改',
        content: '修改后将重新进行内容安全检测，通过前其他委员暂时看不到这篇。确定保存吗？',
        confirmText: '保存',
      });
      if (!ok) return;
      this.setData({ saving: true });
      const { postId, version, requestId, fields } = revision;
      try {
        const { bookId, title, body, photos } = fields;
        await callWith(requestId).reading.editPost({
          postId,
          version,
          bookId,
          title,
          body,
          photos,
        });
        dropRevision(postId);
        markChanged('reading');
        showSuccess('已保存');
        wx.redirectTo({ url: `/pages/reading/post/index?id=${postId}` });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'STORE.CONFLICT') await this.rebase(revision);
        else showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },

    /**
     * The post changed elsewhere (another phone) since these changes were started: they are
     * kept, now on top of the latest version, so saving again after a look replaces it.
     */
    async rebase(revision: Revision) {
      try {
        const latest = await api.reading.getPost({ postId: revision.postId });
        const next = { ...revision, version: latest.version, requestId: newRequestId() };
        keepRevision(next);
        this.setData({ _revision: next });
        showMessage('这篇已在别处修改过。页面上仍是您的修改，核对无误后再点“保存修改”即可。');
      } catch (err) {
        showError(err);
      }
    },

    onDiscard() {
      const revision = this.data._revision;
      if (!revision) return;
      dropRevision(revision.postId);
      return this.reload();
    },
  },
});
