import type { Book, PostDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { autosaveEditor, type EditorSpec } from '../../../kit/autosave-editor';
import type { UiEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { api, callWith } from '../../../services/api';
import { queryValue } from '../../../utils/format';
import {
  DEFAULT_NOTE_RULES,
  emptyNote,
  noteCounts,
  noteDraftInput,
  noteOverLimit,
  noteProblems,
  type NoteFields,
  type NoteRules,
} from './form';

const POST_PAGE = '/pages/reading/post/index';

/** A reading note (or the owner's guide reading): autosaved as it is typed, photos, the book. */
Component({
  behaviors: [fontScale, autosaveEditor],
  options: { pureDataPattern: /^_/ },
  data: {
    form: emptyNote('', 'note'),
    rules: DEFAULT_NOTE_RULES,
    counts: noteCounts(emptyNote('', 'note')),
    books: [] as Book[],
    bookIndex: -1,
  },
  lifetimes: {
    attached() {
      loadSettings().then(
        (s) => this.setData({ rules: s.posts, counts: noteCounts(this.data.form, s.posts) }),
        () => undefined,
      );
    },
  },
  methods: {
    editor(): EditorSpec<NoteFields, PostDetail> {
      const rules = (): NoteRules => this.data.rules;
      const q = this.data._query;
      return {
        kind: 'reading',
        detailPage: POST_PAGE,
        empty: () => emptyNote(queryValue(q.groupId), queryValue(q.kind)),
        get: (postId) => api.reading.getPost({ postId }),
        save: (d) => api.reading.saveDraft(noteDraftInput(d)),
        submit: (postId, requestId) => callWith(requestId).reading.publish({ postId }),
        holdReason: noteOverLimit,
        problems: (f) => noteProblems(f, rules()),
        incomplete: (_err, f) => noteProblems(f, rules()),
        derived: (f) => ({
          counts: noteCounts(f, rules()),
          bookIndex: this.data.books.findIndex((b) => b.id === f.bookId),
        }),
        started: (draft) => void this.loadBooks(draft.fields.groupId),
        confirmSubmit: async (f) =>
          (
            await wx.showModal({
              title: f.kind === 'guide' ? '发布导读' : '发表读书心得',
              content:
                '发表后经内容安全检测（如本会设置为先审后发，还需工作人员审核）即对全体委员公开。确定发表吗？',
              confirmText: '发表',
              cancelText: '再看看',
            })
          ).confirm,
        codes: {
          notFound: 'READING.POST_NOT_FOUND',
          notEditable: 'READING.NOT_EDITABLE',
          incomplete: 'READING.INCOMPLETE',
        },
        text: {
          submitted: '这篇已经发表，不能在这里修改。',
          loadingTitle: '正在发表',
          done: '已发表',
          offline: '网络不通，心得已保存在本机。请联网后再发表。',
          fixFirst: '还有内容需要补充，请按红色提示修改后再发表。',
        },
      };
    },

    async loadBooks(groupId: string) {
      if (!groupId) return;
      try {
        const group = await api.reading.getGroup({ groupId });
        const books = group.books;
        this.setData({ books, bookIndex: books.findIndex((b) => b.id === this.data.form.bookId) });
        wx.setNavigationBarTitle({
          title: this.data.form.kind === 'guide' ? `导读 · ${group.name}` : group.name,
        }).catch(() => undefined);
      } catch {
        // The book list is optional; the note can be written without it.
      }
    },

    onFields(e: UiEvent<object, { patch: Partial<NoteFields>; field: keyof NoteFields }>) {
      this.change(e.detail.patch, e.detail.field);
    },
  },
});
