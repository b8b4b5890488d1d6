import type { ReplyClass } from '../../../../typings/contracts/proposals';
import type {
  PeopleOrder,
  PostPublishing,
  SmsMode,
  SmsNotice,
} from '../../../../typings/contracts/settings';
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { ApiCallError, isApiCallError } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  checkForm,
  formFromSettings,
  newWindow,
  ORDER_OPTIONS,
  PUBLISHING_OPTIONS,
  REPLY_CODES,
  SMS_OPTIONS,
  SMS_ROWS,
  type FormErrors,
  type SettingsForm,
  type WordList,
} from './form';
import { emptyForm, historyLine, rowsOf, versionText } from './view';
import { SETTINGS_LIMITS } from '../../../generated/contract';

type InputEvent = UiEvent<
  {
    id?: string;
    index?: number;
    code?: ReplyClass;
    part?: 'year' | 'opens' | 'closes';
    list?: WordList;
  },
  { value: string }
>;

Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    limits: SETTINGS_LIMITS,
    version: 0,
    /** 第 n 版 · who and when, or that the built-in defaults are in force. */
    versionText: '',
    form: emptyForm(),
    errors: {} as FormErrors,
    rows: rowsOf(emptyForm(), {}),
    replyCodes: REPLY_CODES,
    publishingOptions: PUBLISHING_OPTIONS,
    orderOptions: ORDER_OPTIONS,
    smsRows: SMS_ROWS,
    smsOptions: SMS_OPTIONS,
    note: '',
    dirty: false,
    saving: false,
    history: [] as Array<ReturnType<typeof historyLine>>,
  },
  methods: {
    /** Admins only: the settings in force become the form; the versions so far below it. */
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const me = await loadMyProfile();
      if (!me.roles.includes('admin'))
        throw new ApiCallError({ code: 'AUTH.FORBIDDEN', message: '' });
      const [current, history] = await Promise.all([
        api.settings.get({}),
        api.settings.getHistory({ pageSize: 20 }),
      ]);
      const form = formFromSettings(current);
      return {
        version: current.version,
        versionText: versionText(current),
        history: history.items.map(historyLine),
        note: '',
        dirty: false,
        form,
        errors: {},
        rows: rowsOf(form, {}),
      };
    },

    showForm(form: SettingsForm, errors: FormErrors) {
      this.setData({ form, errors, rows: rowsOf(form, errors) });
    },

    /** An edit: the form changes, and a field that was marked is checked again. */
    edit(change: (form: SettingsForm) => void) {
      const form = JSON.parse(JSON.stringify(this.data.form)) as SettingsForm;
      change(form);
      const errors = Object.keys(this.data.errors).length
        ? checkForm(form, this.data.version).errors
        : {};
      this.setData({ dirty: true });
      this.showForm(form, errors);
    },

    onNumber(e: InputEvent) {
      const { id } = e.currentTarget.dataset;
      if (id) this.edit((f) => (f.numbers[id] = e.detail.value));
    },

    onReplyLabel(e: InputEvent) {
      const { code } = e.currentTarget.dataset;
      if (code) this.edit((f) => (f.replyLabels[code] = e.detail.value));
    },

    onCategory(e: InputEvent) {
      const { index } = e.currentTarget.dataset;
      if (index !== undefined) this.edit((f) => (f.categories[index] = e.detail.value));
    },

    onAddCategory() {
      this.edit((f) => f.categories.push(''));
    },

    onRemoveCategory(e: InputEvent) {
      const { index } = e.currentTarget.dataset;
      if (index !== undefined) this.edit((f) => f.categories.splice(index, 1));
    },

    onWindow(e: InputEvent) {
      const { index, part } = e.currentTarget.dataset;
      if (index === undefined || !part) return;
      this.edit((f) => (f.windows[index]![part] = e.detail.value));
    },

    onAddWindow() {
      this.edit((f) => f.windows.push(newWindow(new Date())));
    },

    onRemoveWindow(e: InputEvent) {
      const { index } = e.currentTarget.dataset;
      if (index !== undefined) this.edit((f) => f.windows.splice(index, 1));
    },

    onPublishing(e: UiEvent<{ value?: PostPublishing }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.edit((f) => (f.publishing = value));
    },

    onOrder(e: UiEvent<{ value?: PeopleOrder }>) {
      const { value } = e.currentTarget.dataset;
      if (value) this.edit((f) => (f.order = value));
    },

    /** A notice kind's SMS choice (the chip row of that kind). */
    onSms(e: UiEvent<{ notice?: SmsNotice }, { value: SmsMode }>) {
      const { notice } = e.currentTarget.dataset;
      if (notice) this.edit((f) => (f.sms[notice] = e.detail.value));
    },

    onWords(e: InputEvent) {
      const { list } = e.currentTarget.dataset;
      if (list) this.edit((f) => (f.words[list] = e.detail.value));
    },

    onNote(e: InputEvent) {
      this.setData({ note: e.detail.value });
    },

    /** Checks the form, asks for confirmation, and publishes it as the next version. */
    async onSave() {
      if (this.data.saving) return;
      const { body, errors } = checkForm(this.data.form, this.data.version);
      this.showForm(this.data.form, errors);
      if (!body) {
        showMessage('请先改正标出的问题');
        return;
      }
      const next = this.data.version + 1;
      const sure = await wx.showModal({
        title: `保存为第 ${next} 版`,
        content: '此后提交的提案和社情民意按新设置办理，已提交的仍按提交时的设置。',
        confirmText: '保存',
        cancelText: '再看看',
      });
      if (!sure.confirm) return;
      this.setData({ saving: true });
      try {
        const note = this.data.note.trim();
        await api.settings.update({
          version: this.data.version,
          settings: body,
          ...(note ? { note } : {}),
        });
        showSuccess(`已保存第 ${next} 版`);
        await this.reload();
      } catch (err) {
        if (isApiCallError(err) && err.code === 'STORE.CONFLICT') {
          showMessage('设置已被其他管理员修改，请查看最新设置后再改');
          await this.reload();
        } else showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
