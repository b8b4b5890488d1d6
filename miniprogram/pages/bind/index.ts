import type { MyProfile } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { config } from '../../config';
import { api } from '../../services/api';
import { messageOf } from '../../services/errors';
import { setMyProfile } from '../../services/session';
import { INVITE_CODE_PATTERN, normalizeInviteCode } from '../../utils/format';
import { showError, showMessage, showSuccess } from '../../utils/toast';

const HOME = '/pages/home/index';

/** `e.detail` of `<button open-type="getPhoneNumber">`: a one-time code, or an error. */
interface PhoneNumberDetail {
  code?: string;
  errMsg?: string;
}

/**
 * Development only: the local runtime cannot exchange a WeChat phone code (and DevTools with
 * the tourist appid gives none), so it accepts `dev-phone:<11 digits>` instead.
 */
async function askDevPhoneCode(): Promise<string | null> {
  const res = await wx.showModal({
    title: '开发模式：输入手机号',
    content: '',
    editable: true,
    placeholderText: '名册中的 11 位手机号',
  });
  const phone = (res.content ?? '').replace(/\s/g, '');
  return res.confirm && /^\d{11}$/.test(phone) ? `dev-phone:${phone}` : null;
}

Component({
  behaviors: [fontScale],
  data: {
    code: '',
    /** Shown under the input: the client-side check, or the server's last answer. */
    codeError: '',
    phoneError: '',
    /** Which way is being tried; both buttons wait while one call is in flight. */
    busy: '' as '' | 'code' | 'phone',
  },
  methods: {
    onCodeInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value, codeError: '' });
    },

    async onBindByCode() {
      if (this.data.busy) return;
      const code = normalizeInviteCode(this.data.code);
      if (!INVITE_CODE_PATTERN.test(code)) {
        this.setData({ codeError: '邀请码为 8 位字母或数字，请核对后重新输入' });
        return;
      }
      this.setData({ busy: 'code', codeError: '', phoneError: '' });
      try {
        this.done(await api.members.bindByInviteCode({ code }));
      } catch (err) {
        this.setData({ busy: '', codeError: messageOf(err) });
        showError(err);
      }
    },

    async onGetPhoneNumber(e: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (this.data.busy) return;
      const { errMsg = '' } = e.detail ?? {};
      let code = e.detail?.code;
      const denied = /deny|cancel/i.test(errMsg);
      if (!code && !denied && config.transport === 'local')
        code = (await askDevPhoneCode()) ?? undefined;
      if (!code) {
        // Declining is a choice, not an error: say what else they can do.
        const message = denied
          ? '您未授权手机号，也可以使用政协办公室发给您的邀请码绑定'
          : '暂时无法获取手机号，请使用邀请码绑定';
        this.setData({ phoneError: message });
        showMessage(message);
        return;
      }
      this.setData({ busy: 'phone', codeError: '', phoneError: '' });
      try {
        this.done(await api.members.bindByPhone({ phoneCode: code }));
      } catch (err) {
        this.setData({ busy: '', phoneError: messageOf(err) });
        showError(err);
      }
    },

    done(profile: MyProfile) {
      setMyProfile(profile);
      this.setData({ busy: '' });
      showSuccess('绑定成功');
      wx.switchTab({ url: HOME });
    },
  },
});
