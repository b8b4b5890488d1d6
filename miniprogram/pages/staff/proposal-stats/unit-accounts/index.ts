/**
 * 承办单位账号: a handling unit's contact accounts. Each binds its WeChat with an invite code
 * (like a member) and then sees only its unit's proposals (本单位办理). The office adds one,
 * issues its code (shown to copy and send), or stops one (after a confirmation).
 */
import type { UnitContactView } from '../../../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { resourcePage } from '../../../../kit/resource-page';
import { checkInput, firstError } from '../../../../kit/validate';
import { withLoading } from '../../../../kit/with-loading';
import { api } from '../../../../services/api';
import { formatDateTime, groupInviteCode } from '../../../../utils/format';
import { confirmAction } from '../../../../utils/prompt';
import { showError, showSuccess } from '../../../../utils/toast';

interface AccountItem extends UnitContactView {
  stateText: string;
}

function toItem(c: UnitContactView): AccountItem {
  return {
    ...c,
    stateText: !c.active ? '已停用' : c.bound ? '已绑定微信' : '未绑定，请发邀请码',
  };
}

const NO_ACCOUNT = { name: '', phone: '' };

Component({
  behaviors: [resourcePage],
  options: { pureDataPattern: /^_/ },
  properties: {
    unitId: { type: String, value: '' },
    unitName: { type: String, value: '' },
  },
  data: {
    accounts: [] as AccountItem[],
    form: NO_ACCOUNT,
    formError: '',
    saving: false,
    invite: null as null | { code: string; grouped: string; name: string; expiresAt: string },
  },
  lifetimes: {
    attached() {
      void this.reload();
    },
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const result = await api.proposals.listUnitContacts({ unitId: this.data.unitId });
      return { accounts: result.items.map(toItem) };
    },

    onField(e: ValueEvent & UiEvent<{ field?: string }>) {
      const { field } = e.currentTarget.dataset;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, formError: '' });
    },

    async save(input: Parameters<typeof api.proposals.saveUnitContact>[0]) {
      if (this.data.saving) return null;
      this.setData({ saving: true });
      try {
        return toItem(await api.proposals.saveUnitContact(input));
      } catch (err) {
        showError(err);
        return null;
      } finally {
        this.setData({ saving: false });
      }
    },

    async onAdd() {
      const input = {
        unitId: this.data.unitId,
        name: this.data.form.name.trim(),
        phone: this.data.form.phone.trim() || null,
      };
      const problem = firstError(checkInput('proposals', 'saveUnitContact', input));
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      const saved = await this.save(input);
      if (!saved) return;
      this.setData({ accounts: this.data.accounts.concat(saved), form: NO_ACCOUNT });
      showSuccess('已添加');
    },

    async onStop(e: UiEvent<{ id?: string }>) {
      const account = this.data.accounts.find((a) => a.memberId === e.currentTarget.dataset.id);
      if (!account) return;
      const sure =
        !account.active ||
        (await confirmAction({
          title: '停用账号',
          content: `停用后“${account.name}”不能再办理${this.data.unitName}的提案。`,
          confirmText: '停用',
        }));
      if (!sure) return;
      const saved = await this.save({
        unitId: this.data.unitId,
        memberId: account.memberId,
        name: account.name,
        phone: account.phone,
        active: !account.active,
      });
      if (saved)
        this.setData({
          accounts: this.data.accounts.map((a) => (a.memberId === saved.memberId ? saved : a)),
        });
    },

    async onInvite(e: UiEvent<{ id?: string }>) {
      const memberId = e.currentTarget.dataset.id;
      if (!memberId) return;
      const invite = await withLoading('正在生成', () => api.members.issueInviteCode({ memberId }));
      if (!invite) return;
      this.setData({
        invite: {
          code: invite.code,
          grouped: groupInviteCode(invite.code),
          name: invite.memberName,
          expiresAt: formatDateTime(invite.expiresAt),
        },
      });
    },

    onCopyInvite() {
      if (this.data.invite) wx.setClipboardData({ data: this.data.invite.code });
      this.setData({ invite: null });
    },

    onCloseInvite() {
      this.setData({ invite: null });
    },
  },
});
