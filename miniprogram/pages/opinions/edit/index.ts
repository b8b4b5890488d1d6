import type { OpinionDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { autosaveEditor, type EditorSpec } from '../../../kit/autosave-editor';
import type { PickedMember } from '../../../components/member-picker/index';
import type { ValueEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { api, callWith } from '../../../services/api';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { OPINION_DETAIL_PAGE } from '../../../utils/proposals';
import {
  DEFAULT_OPINION_RULES,
  emptyOpinion,
  opinionCounts,
  opinionDraftInput,
  opinionOverLimit,
  opinionProblems,
  type OpinionFields,
  type OpinionRules,
} from './form';

Component({
  behaviors: [fontScale, autosaveEditor],
  options: { pureDataPattern: /^_/ },
  data: {
    form: emptyOpinion(),
    rules: DEFAULT_OPINION_RULES,
    counts: opinionCounts(emptyOpinion()),
    bodySize: { minHeight: 240 },
    /** Office staff enter reports for members (代录); staff who are not members only that way. */
    office: false,
    officeOnly: false,
    forMemberList: [] as PickedMember[],
  },
  lifetimes: {
    attached() {
      // The committee's live limits; until they answer (or when offline) the defaults.
      loadSettings().then(
        (s) =>
          this.setData({ rules: s.opinions, counts: opinionCounts(this.data.form, s.opinions) }),
        () => undefined,
      );
      loadMyProfile().then(
        (me) =>
          this.setData({
            office: isOffice(me.roles),
            officeOnly: isOffice(me.roles) && !me.roles.includes('member'),
          }),
        () => undefined,
      );
    },
  },
  methods: {
    editor(): EditorSpec<OpinionFields, OpinionDetail> {
      const rules = (): OpinionRules => this.data.rules;
      return {
        kind: 'opinion',
        detailPage: OPINION_DETAIL_PAGE,
        empty: emptyOpinion,
        get: (opinionId) => api.opinions.get({ opinionId }),
        // A draft this phone knows the id of (one started from a studio's consultation outcome).
        fieldsOf: (detail) => ({
          title: detail.title,
          body: detail.body,
          forMember: detail.enteredBy
            ? { id: detail.authorId, name: detail.authorName, sector: '' }
            : null,
        }),
        save: (d) => api.opinions.saveDraft(opinionDraftInput(d)),
        submit: (opinionId, requestId) => callWith(requestId).opinions.submit({ opinionId }),
        holdReason: opinionOverLimit,
        problems: (f) => opinionProblems(f, rules()),
        incomplete: (_err, f) => opinionProblems(f, rules()),
        derived: (f) => ({
          counts: opinionCounts(f, rules()),
          forMemberList: f.forMember ? [f.forMember] : [],
        }),
        confirmSubmit: async (f) =>
          (
            await wx.showModal({
              title: f.forMember ? '报送代录的信息' : '报送社情民意',
              content: f.forMember
                ? `报送后将请${f.forMember.name}委员在手机上核对确认；委员没有手机的，可在信息页代为确认。`
                : '报送后由政协办公室编辑处理，您将不能再修改。确定报送吗？',
              confirmText: '报送',
              cancelText: '再看看',
            })
          ).confirm,
        codes: {
          notFound: 'OPINION.NOT_FOUND',
          notEditable: 'OPINION.NOT_EDITABLE',
          incomplete: 'OPINION.INCOMPLETE',
        },
        text: {
          submitted: '这篇信息已经报送，不能再修改。',
          loadingTitle: '正在报送',
          done: '已报送',
          offline: '网络不通，信息已保存在本机。请联网后再报送。',
          fixFirst: '还有内容需要补充，请按红色提示修改后再报送。',
        },
      };
    },

    onTitle(e: ValueEvent) {
      this.change({ title: e.detail.value }, 'title');
    },

    onBody(e: ValueEvent) {
      this.change({ body: e.detail.value }, 'body');
    },

    /** 代录: whose report this is, chosen before the draft first reaches the server. */
    onForMember(e: ValueEvent<PickedMember[]>) {
      if (this.data.serverId) return;
      const picked = e.detail.value;
      this.change({ forMember: picked[picked.length - 1] ?? null }, 'forMember');
    },
  },
});
