/**
 * 编辑 on the member page: the entry's fields as the roster has them, checked as the server
 * checks them and saved with the version they were read at (`members.updateEntry`).
 * Events: `saved` (detail: `{ entry }`), `cancel`, `conflict` (changed meanwhile: reload).
 */
import type { RosterEntry } from '../../../../../typings/contracts';
import { fontScale } from '../../../../behaviors/font-scale';
import { MEMBER_LIMITS } from '../../../../generated/contract';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { api, isApiCallError } from '../../../../services/api';
import { showError } from '../../../../utils/toast';
import { checkEntry, formOf, TEXT_FIELDS, type EntryErrors, type EntryField } from './form';

const GENDERS = [
  { value: '男', label: '男' },
  { value: '女', label: '女' },
  { value: '', label: '不填' },
];
const STANDING = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

Component({
  behaviors: [fontScale],
  properties: {
    entry: { type: Object, value: null as RosterEntry | null },
    version: { type: Number, value: 0 },
  },
  data: {
    limits: MEMBER_LIMITS,
    genders: GENDERS,
    standings: STANDING,
    form: null as ReturnType<typeof formOf> | null,
    errors: {} as EntryErrors,
    saving: false,
  },
  lifetimes: {
    attached() {
      const entry = this.data.entry as RosterEntry | null;
      if (entry) this.setData({ form: formOf(entry) });
    },
  },
  methods: {
    onField(e: ValueEvent) {
      const field = (e.currentTarget.dataset as { field?: EntryField }).field;
      if (!field || !TEXT_FIELDS.includes(field)) return;
      this.setData({ [`form.${field}`]: e.detail.value ?? '', [`errors.${field}`]: '' });
    },

    onGender(e: UiEvent<object, { value: string }>) {
      this.setData({ 'form.gender': e.detail.value, 'errors.gender': '' });
    },

    onStanding(e: UiEvent<object, { value: string }>) {
      this.setData({ 'form.standing': e.detail.value });
    },

    onCancel() {
      if (!this.data.saving) this.triggerEvent('cancel');
    },

    async onSave() {
      const { form, version, saving } = this.data;
      const entry = this.data.entry as RosterEntry | null;
      if (!form || !entry || saving) return;
      const checked = checkEntry(form, entry.id, version);
      if (!checked.ok) {
        this.setData({ errors: checked.errors });
        return;
      }
      this.setData({ saving: true, errors: {} });
      try {
        const saved = await api.members.updateEntry(checked.input);
        this.setData({ saving: false });
        this.triggerEvent('saved', { entry: saved });
      } catch (err) {
        this.setData({ saving: false });
        if (isApiCallError(err) && err.code === 'STORE.CONFLICT') {
          await wx.showModal({
            title: '信息已被修改',
            content: '在您编辑期间，其他工作人员修改了该人员的信息。将载入最新内容，请重新修改。',
            showCancel: false,
            confirmText: '载入最新',
          });
          this.triggerEvent('conflict');
        } else if (isApiCallError(err) && err.code === 'MEMBER.PHONE_TAKEN') {
          this.setData({ 'errors.phone': err.message });
        } else showError(err);
      }
    },
  },
});
