/**
 * 写大会发言: the speech text for a plenary (or a year), autosaved like the proposal editor; a
 * speech the office returned is revised here and submitted again.
 */
import type { SpeechDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { SPEECH_LIMITS } from '../../../generated/contract';
import { autosaveEditor, type EditorSpec } from '../../../kit/autosave-editor';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { api, callWith } from '../../../services/api';
import { businessYear } from '../../../utils/ledger';
import { SPEECH_DETAIL_PAGE } from '../../../utils/speeches';
import { attachmentList } from '../../proposals/edit/attachments';
import {
  DEFAULT_SPEECH_RULES,
  emptySpeech,
  occasionChips,
  occasionPatch,
  occasionValue,
  speechCounts,
  speechDraftInput,
  speechOverLimit,
  speechProblems,
  withSpeechDefaults,
  type SpeechFields,
  type SpeechRules,
} from './form';

const THIS_YEAR = businessYear();

Component({
  behaviors: [fontScale, autosaveEditor, attachmentList],
  options: { pureDataPattern: /^_/ },
  data: {
    form: emptySpeech(),
    rules: DEFAULT_SPEECH_RULES,
    limits: SPEECH_LIMITS,
    counts: speechCounts(emptySpeech()),
    occasions: occasionChips([], THIS_YEAR),
    occasion: occasionValue(emptySpeech(), THIS_YEAR),
    /** The office's note on a returned speech ('' otherwise). */
    returnNote: '',
    bodySize: { minHeight: 320 },
  },
  lifetimes: {
    attached() {
      loadSettings().then(
        (s) =>
          this.setData({ rules: s.speeches, counts: speechCounts(this.data.form, s.speeches) }),
        () => undefined,
      );
      api.proposals.listSpeechOccasions({}).then(
        ({ items }) => this.setData({ occasions: occasionChips(items, THIS_YEAR) }),
        () => undefined,
      );
    },
  },
  methods: {
    editor(): EditorSpec<SpeechFields, SpeechDetail> {
      const rules = (): SpeechRules => this.data.rules;
      return {
        kind: 'speech',
        detailPage: SPEECH_DETAIL_PAGE,
        empty: emptySpeech,
        withDefaults: withSpeechDefaults,
        // A returned speech is edited on like a draft (the kit edits drafts only).
        get: async (speechId) => {
          const s = await api.proposals.getSpeech({ speechId });
          this.setData({ returnNote: s.status === 'returned' ? (s.returnNote ?? '') : '' });
          return s.can.edit ? { ...s, status: 'draft' as const } : s;
        },
        fieldsOf: (s) => ({
          title: s.title,
          body: s.body,
          attachments: s.attachments,
          meetingId: s.meeting?.id ?? '',
          year: s.meeting ? 0 : s.year,
        }),
        save: (d) => api.proposals.saveSpeech(speechDraftInput(d)),
        submit: (speechId, requestId) => callWith(requestId).proposals.submitSpeech({ speechId }),
        holdReason: speechOverLimit,
        problems: (f) => speechProblems(f, rules()),
        incomplete: (_err, f) => speechProblems(f, rules()),
        derived: (f) => ({
          counts: speechCounts(f, rules()),
          occasion: occasionValue(f, THIS_YEAR),
        }),
        confirmSubmit: async () =>
          (
            await wx.showModal({
              title: '提交大会发言',
              content: '提交后由政协办公室审核，审核期间不能修改。确定提交吗？',
              confirmText: '提交',
              cancelText: '再看看',
            })
          ).confirm,
        codes: {
          notFound: 'SPEECH.NOT_FOUND',
          notEditable: 'SPEECH.NOT_EDITABLE',
          incomplete: 'SPEECH.INCOMPLETE',
        },
        text: {
          submitted: '这篇发言已经提交，不能再修改。',
          loadingTitle: '正在提交',
          done: '已提交',
          offline: '网络不通，发言已保存在本机。请联网后再提交。',
          fixFirst: '还有内容需要补充，请按红色提示修改后再提交。',
        },
      };
    },

    onTitle(e: ValueEvent) {
      this.change({ title: e.detail.value }, 'title');
    },

    onBody(e: ValueEvent) {
      this.change({ body: e.detail.value }, 'body');
    },

    onOccasion(e: UiEvent<{ value?: string }>) {
      const { value } = e.currentTarget.dataset;
      if (value && value !== this.data.occasion) this.change(occasionPatch(value), 'meetingId');
    },
  },
});
