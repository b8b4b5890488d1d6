import type { Book } from '../../../../typings/contracts';
import { AUDIENCE_KIND_LABELS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import type { PickedMember } from '../../../components/member-picker/index';
import { markChanged } from '../../../kit/changes';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { checkInput, firstError, type FieldErrors } from '../../../kit/validate';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { uploadEach } from '../../../services/files';
import { queryValue } from '../../../utils/format';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  emptyForm,
  fromBook,
  fromGroup,
  fromPeriod,
  payloadOf,
  TITLES,
  type EditType,
  type ReadingForm,
} from './form';

const AUDIENCES = Object.entries(AUDIENCE_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** One form for a reading period, a book of its list or a reading group (new or changed). */
Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    /** The guide's introduction grows with its text from a few lines' height (px). */
    introSize: { minHeight: 96 },
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    type: 'period' as EditType,
    id: '',
    periodId: '',
    form: emptyForm(),
    errors: {} as FieldErrors,
    books: [] as Array<Book & { on: boolean }>,
    audiences: AUDIENCES,
    saving: false,
    uploading: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const type =
        (['period', 'book', 'group'] as const).find((t) => t === queryValue(query.type)) ??
        'period';
      this.setData({ type, id: queryValue(query.id), periodId: queryValue(query.periodId) });
      wx.setNavigationBarTitle({
        title: `${queryValue(query.id) ? '修改' : '新建'}${TITLES[type]}`,
      }).catch(() => undefined);
      return this.load();
    },

    onRetry() {
      return this.load();
    },

    async load() {
      const { type, id, periodId } = this.data;
      this.setData({ status: 'loading' });
      try {
        let patch: Partial<ReadingForm> = {};
        if (type === 'period' && id)
          patch = fromPeriod((await api.reading.listPeriods({})).find((p) => p.id === id)!);
        if (type === 'book' && id)
          patch = fromBook((await api.reading.getBook({ bookId: id })).book);
        let books: Book[] = [];
        if (type === 'group') {
          books = await api.reading.listBooks({ periodId });
          if (id) patch = fromGroup(await api.reading.getGroup({ groupId: id }));
        }
        const form = { ...emptyForm(), ...patch };
        this.setData({
          status: 'ready',
          form,
          books: books.map((b) => ({ ...b, on: form.bookIds.includes(b.id) })),
        });
      } catch (err) {
        this.setData({
          status: 'error',
          errorMessage: isApiCallError(err) ? err.message : '加载失败，请重试',
        });
      }
    },

    /** Text, switch and chip inputs: `data-field` names the field. */
    onField(e: UiEvent<{ field?: keyof ReadingForm }, { value: string | boolean }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    onAudience(e: ValueEvent) {
      this.setData({ 'form.audienceKind': e.detail.value });
    },

    onOwner(e: ValueEvent<PickedMember[]>) {
      this.setData({ 'form.owner': e.detail.value.slice(-1) });
    },

    onNamed(e: ValueEvent<PickedMember[]>) {
      this.setData({ 'form.named': e.detail.value });
    },

    onToggleBook(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const books = this.data.books.map((b, i) => (i === index ? { ...b, on: !b.on } : b));
      this.setData({ books, 'form.bookIds': books.filter((b) => b.on).map((b) => b.id) });
    },

    /** The book's cover: one picture from the album or the camera, uploaded at once. */
    async onCover() {
      if (this.data.uploading) return;
      let path: string;
      let size: number;
      try {
        const res = await wx.chooseMedia({
          count: 1,
          mediaType: ['image'],
          sizeType: ['compressed'],
        });
        ({ tempFilePath: path, size } = res.tempFiles[0]!);
      } catch {
        return; // cancelled
      }
      const failed = await uploadEach(
        [{ path, name: '封面.jpg', size }],
        (text) => this.setData({ uploading: text }),
        (stored) => this.setData({ 'form.cover': stored }),
      );
      if (failed.length) showMessage(failed.join('\n'));
    },

    onRemoveCover() {
      this.setData({ 'form.cover': null });
    },

    async onSave() {
      const { type, id, periodId, form } = this.data;
      if (this.data.saving) return;
      const { action, input } = payloadOf(type, id, periodId, form);
      const errors = checkInput('reading', action, input);
      if (type === 'group' && !form.owner.length) errors.ownerId = '请选择群主';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return showMessage(firstError(errors) ?? '请检查填写的内容');
      }
      this.setData({ saving: true });
      try {
        const call = api.reading[action] as (i: typeof input) => Promise<unknown>;
        await call(input);
        markChanged('reading');
        showSuccess('已保存');
        wx.navigateBack().catch(() => undefined);
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
