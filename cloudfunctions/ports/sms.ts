import type { DocumentStore } from '../store/port';

/**
 * SMS templates, by the key the code uses. Each is approved in the Tencent Cloud SMS console
 * (正文模板) with positional variables `{1}`, `{2}`…; which part of a notice fills each variable
 * is configured per deployment (`SMS_TEMPLATES`).
 */
export const SMS_TEMPLATE_KEYS = [
  'meetingNotice',
  'meetingChange',
  'leaveResult',
  'unitAssigned',
] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

/** The parts of a notice a template variable may carry (as a subscription message's fields). */
export type SmsPart = 'title' | 'time' | 'place' | 'note';

/** One SMS to one person: the number as stored on the roster, the template, its parts. */
export interface Sms {
  phone: string;
  template: SmsTemplateKey;
  params: Partial<Record<SmsPart, string>>;
}

export type SmsResult =
  | { ok: true }
  /**
   * NOT_CONFIGURED: this deployment sends no SMS of this template; nothing was sent.
   * BAD_NUMBER: not a mainland mobile number (or Tencent says it is none); nothing was sent.
   * REJECTED: Tencent refused this message for good (template or signature not approved, the
   *   number unsubscribed, its daily limit reached); sending it again would not help.
   * FAILED: a passing fault before anything was sent (throttled, unreachable): may be tried again.
   * UNKNOWN: the request may have reached Tencent (a timeout, a dropped connection): it is
   *   never tried again, so no one gets the same SMS twice.
   */
  | {
      ok: false;
      reason: 'NOT_CONFIGURED' | 'BAD_NUMBER' | 'REJECTED' | 'FAILED' | 'UNKNOWN';
      detail: string;
    };

/** Sends template SMS (腾讯云短信 in the cloud). */
export interface SmsPort {
  /** Whether this deployment can send the template at all (asked before a send is begun). */
  supports(template: SmsTemplateKey): boolean;
  send(sms: Sms): Promise<SmsResult>;
}

/**
 * How one template key maps onto a template approved in the SMS console: its id, which part
 * fills each variable in order, and how long a variable may be (the console shows each
 * variable's limit; 12 characters is what Tencent allows where it says nothing else).
 */
export interface SmsTemplateConfig {
  key: SmsTemplateKey;
  templateId: string;
  params: SmsPart[];
  /** Characters per variable: one number for all, or one per variable. Default 12. */
  maxLength?: number | number[];
}

/** Tencent's limit on one variable's value where the console states none (error 1036). */
export const SMS_PARAM_MAX = 12;

/**
 * The template's variables, in order, each made to fit Tencent's rules: whitespace folded, no
 * `【】` (read as a signature), never empty, a time as `3月5日08:30`, cut to the variable's
 * length (characters of any kind count one each).
 */
export function fitSmsParams(
  template: SmsTemplateConfig,
  values: Partial<Record<SmsPart, string>>,
): string[] {
  return template.params.map((part, i) => {
    const max = Array.isArray(template.maxLength)
      ? (template.maxLength[i] ?? SMS_PARAM_MAX)
      : (template.maxLength ?? SMS_PARAM_MAX);
    let text = (values[part] ?? '')
      .replace(/\s+/g, ' ')
      .replace(/【/g, '[')
      .replace(/】/g, ']')
      .trim();
    if (part === 'time') text = compactTime(text);
    const chars = [...(text || '无')];
    return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
  });
}

/** `2026-03-05 08:30` → `3月5日08:30` (10 characters or fewer); anything else unchanged. */
function compactTime(text: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(text);
  return m ? `${Number(m[1])}月${Number(m[2])}日${m[3]}` : text;
}

/**
 * A roster number as Tencent wants it (E.164, `+86…`), or null when it is not a mainland
 * mobile number. Spaces, dashes and a leading `+86` / `86` / `0086` are accepted.
 */
export function mainlandMobile(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null;
}

/** Reads the template configuration from JSON (the `SMS_TEMPLATES` setting). */
export function parseSmsTemplates(json: string | undefined): SmsTemplateConfig[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed)) throw new Error('SMS_TEMPLATES must be a JSON array');
  for (const t of parsed as SmsTemplateConfig[])
    if (!SMS_TEMPLATE_KEYS.includes(t.key) || !t.templateId || !Array.isArray(t.params))
      throw new Error(`SMS_TEMPLATES: bad entry ${JSON.stringify(t)}`);
  return parsed as SmsTemplateConfig[];
}

/** No SMS configured: nothing is supported, nothing is sent. */
export const noSms: SmsPort = {
  supports: () => false,
  async send() {
    return { ok: false, reason: 'NOT_CONFIGURED', detail: 'SMS is not configured' };
  },
};

/** Templates for the local demo: fake ids, so the recorder shows what would be sent. */
export const DEMO_SMS_TEMPLATES: SmsTemplateConfig[] = [
  // 您好，{1}定于{2}在{3}召开，请登录政协履职通小程序回执。
  {
    key: 'meetingNotice',
    templateId: 'demo-sms-meeting-notice',
    params: ['title', 'time', 'place'],
  },
  // 会议{1}有变更：{2}，请登录政协履职通小程序查看。
  { key: 'meetingChange', templateId: 'demo-sms-meeting-change', params: ['title', 'note'] },
  // 您参加{1}的请假申请：{2}。
  { key: 'leaveResult', templateId: 'demo-sms-leave-result', params: ['title', 'note'] },
  // 提案{1}已交办贵单位办理，{2}。
  { key: 'unitAssigned', templateId: 'demo-sms-unit-assigned', params: ['title', 'note'] },
];

/**
 * The local runtime sends no SMS: it records each one it would have sent, with the template
 * id and the variables as Tencent would get them, in the `dev_sent_sms` collection (and the
 * tests read them there).
 */
export function recordingSms(
  store: DocumentStore,
  now: () => Date,
  templates: SmsTemplateConfig[] = DEMO_SMS_TEMPLATES,
): SmsPort {
  let n = 0;
  return {
    supports: (key) => templates.some((t) => t.key === key),
    async send(sms) {
      const template = templates.find((t) => t.key === sms.template);
      if (!template) return { ok: false, reason: 'NOT_CONFIGURED', detail: sms.template };
      const phone = mainlandMobile(sms.phone);
      if (!phone) return { ok: false, reason: 'BAD_NUMBER', detail: sms.phone };
      n += 1;
      await store.insert('dev_sent_sms', {
        _id: `sms_${now().getTime()}_${n}_${Math.random().toString(36).slice(2, 8)}`,
        phone,
        template: sms.template,
        templateId: template.templateId,
        params: fitSmsParams(template, sms.params),
        at: now().toISOString(),
      });
      return { ok: true };
    },
  };
}
