import type { MyProfile } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { config } from '../../config';
import { api } from '../../services/api';
import { messageOf } from '../../services/errors';
import { setMyProfile } from '../../services/session';
import {
  ASK_FOR,
  askSubscriptions,
  canAskFor,
  prefetchSubscribeTemplates,
} from '../../services/subscribe';
import type { UiEvent, ValueEvent } from '../../kit/events';
import { checkInput, firstError } from '../../kit/validate';
import { normalizeInviteCode } from '../../utils/format';
import { showError, showMessage, showSuccess } from '../../utils/toast';

const HOME = '/pages/home/index';
/** Where a page that sent the member here to bind may ask to be taken back (not a tab page). */
const RETURN_PATH = /^\/pages\/meetings\/checkin\/index(\?[^#]*)?$/;

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
  options: { pureDataPattern: /^_/ },
  data: {
    code: '',
    /** Shown under the input: the client-side check, or the server's last answer. */
    codeError: '',
    phoneError: '',
    /** Which way is being tried; both buttons wait while one call is in flight. */
    busy: '' as '' | 'code' | 'phone',
    /** Bound: the page offers meeting reminders before going home. */
    bound: false,
    boundName: '',
    asking: false,
    /** `next`: the page to go back to once bound (the check-in page with its pass). */
    _next: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      let next = '';
      try {
        next = decodeURIComponent(query.next ?? '');
      } catch {
        // A mangled return path: go home as usual.
      }
      this.setData({ _next: RETURN_PATH.test(next) ? next : '' });
    },

    onCodeInput(e: ValueEvent) {
      this.setData({ code: e.detail.value, codeError: '' });
    },

    async onBindByCode() {
      if (this.data.busy) return;
      const code = normalizeInviteCode(this.data.code);
      // The server's own check of the code, with its words.
      const wrong = firstError(checkInput('members', 'bindByInviteCode', { code }));
      if (wrong) {
        this.setData({ codeError: `${wrong}，请核对后重新输入` });
        return;
      }
      this.setData({ busy: 'code', codeError: '', phoneError: '' });
      try {
        await this.done(await api.members.bindByInviteCode({ code }));
      } catch (err) {
        this.setData({ busy: '', codeError: messageOf(err) });
        showError(err);
      }
    },

    async onGetPhoneNumber(e: UiEvent<WechatMiniprogram.IAnyObject, PhoneNumberDetail>) {
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
        await this.done(await api.members.bindByPhone({ phoneCode: code }));
      } catch (err) {
        this.setData({ busy: '', phoneError: messageOf(err) });
        showError(err);
      }
    },

    async done(profile: MyProfile) {
      setMyProfile(profile);
      showSuccess('绑定成功');
      if (this.data._next) {
        // Sent here to check in: straight back, no questions on the way.
        this.setData({ busy: '' });
        wx.redirectTo({ url: this.data._next });
        return;
      }
      // A natural moment to offer meeting reminders: bound now, so the templates can be read,
      // at hand before the tap that asks (WeChat asks only on a tap). None configured: home.
      await prefetchSubscribeTemplates();
      if (!canAskFor('meetingNotice')) {
        this.setData({ busy: '' });
        wx.switchTab({ url: HOME });
        return;
      }
      this.setData({ busy: '', bound: true, boundName: profile.name });
    },

    /** 开启会议通知提醒: the request first (inside the tap), then home. */
    async onSubscribe() {
      if (this.data.asking) return;
      this.setData({ asking: true });
      const outcome = await askSubscriptions(ASK_FOR.meetingNotices);
      if (outcome.answers.meetingNotice === 'accept') {
        const left = (await outcome.remaining)?.meetingNotice;
        showMessage(
          typeof left === 'number' && left > 0
            ? `已开启会议通知提醒，还可提醒 ${left} 次`
            : '已开启会议通知提醒',
        );
      }
      this.setData({ asking: false });
      wx.switchTab({ url: HOME });
    },

    goHome() {
      wx.switchTab({ url: HOME });
    },
  },
});
