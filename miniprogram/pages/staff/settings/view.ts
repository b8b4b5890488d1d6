import type {
  SettingsBody,
  SettingsVersionSummary,
  SettingsView,
} from '../../../../typings/contracts/settings';
import { formatDateTime } from '../../../utils/format';
import { NUMBER_FIELDS, type FormErrors, type SettingsForm } from './form';

/** What the settings page shows, derived from the form and the server's answers. */

const SECTION_LABELS: Record<keyof SettingsBody, string> = {
  proposals: '提案',
  opinions: '社情民意',
  meetings: '会议',
  posts: '内容发布',
  members: '名单排序',
  sms: '短信通知',
  speeches: '大会发言',
};

export interface Row {
  id: string;
  /** `num-<section>-<key>`: a class name for the field. */
  cls: string;
  label: string;
  unit: string;
  value: string;
  error: string;
}

/** The form's numbers as the template shows them, per section. */
export function rowsOf(form: SettingsForm, errors: FormErrors): Record<string, Row[]> {
  const rows: Record<string, Row[]> = {
    proposals: [],
    opinions: [],
    meetings: [],
    posts: [],
    speeches: [],
  };
  for (const f of NUMBER_FIELDS) {
    const id = `${f.section}.${f.key}`;
    rows[f.section]!.push({
      id,
      cls: `num-${f.section}-${f.key}`,
      label: f.label,
      unit: f.unit,
      value: form.numbers[id] ?? '',
      error: errors[id] ?? '',
    });
  }
  return rows;
}

export function historyLine(v: SettingsVersionSummary): {
  version: number;
  text: string;
  note: string;
} {
  const changed = v.changed.map((s) => SECTION_LABELS[s]).join('、');
  return {
    version: v.version,
    text: `${formatDateTime(v.updatedAt)} · ${v.updatedBy} · 修改了${changed}`,
    note: v.note ?? '',
  };
}

export function emptyForm(): SettingsForm {
  return {
    numbers: {},
    replyLabels: { A: '', B: '', C: '', D: '' },
    categories: [],
    windows: [],
    publishing: 'afterCheck',
    words: { blockedWords: '', reviewWords: '' },
    order: 'pinyin',
    sms: { meetingNotice: 'off', leaveDecision: 'off', unitAssigned: 'off' },
  };
}

export function versionText(s: SettingsView): string {
  if (s.version === 0 || !s.updatedAt) return '正在使用默认设置，尚未修改过';
  return `第 ${s.version} 版 · ${s.updatedBy} 修改于 ${formatDateTime(s.updatedAt)}`;
}
