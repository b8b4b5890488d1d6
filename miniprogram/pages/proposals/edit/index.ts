import type { ProposalDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { PROPOSAL_LIMITS } from '../../../generated/contract';
import { autosaveEditor, type EditorSpec } from '../../../kit/autosave-editor';
import type { ValueEvent } from '../../../kit/events';
import { loadSettings } from '../../../kit/settings';
import { api, callWith } from '../../../services/api';
import { loadMyProfile } from '../../../services/session';
import { isOffice } from '../../../utils/format';
import { PROPOSAL_DETAIL_PAGE } from '../../../utils/proposals';
import { attachmentList } from './attachments';
import {
  COLLECTIVE_KIND_LABELS,
  countsOf,
  DEFAULT_PROPOSAL_RULES,
  emptyFields,
  fieldsOf,
  incompleteFields,
  overLimitReason,
  saveDraftInput,
  submitProblems,
  withDefaults,
  type CoSignerPick,
  type CollectiveKind,
  type FieldName,
  type ProposalFields,
  type ProposalRules,
} from './form';
import { similarSearch } from './similar';

export { SIMILAR_DELAY_MS, SIMILAR_LIMIT } from './similar';

const SIMILAR_FIELDS: readonly FieldName[] = ['title', 'cause', 'suggestion'];

function confirmText(coSigners: number, coSignDays: number): string {
  return coSigners > 0
    ? `提交后将邀请 ${coSigners} 位联名人在 ${coSignDays} 天内确认，全部答复后进入审查。提交后不能再修改，审查前可以撤回。`
    : '提交后进入审查，不能再修改；审查前可以撤回。';
}

Component({
  behaviors: [fontScale, autosaveEditor, similarSearch, attachmentList],
  options: { pureDataPattern: /^_/ },
  data: {
    maxCollectiveName: PROPOSAL_LIMITS.collectiveName,
    form: emptyFields(),
    rules: DEFAULT_PROPOSAL_RULES,
    categoryIndex: DEFAULT_PROPOSAL_RULES.categories.indexOf('其他'),
    limits: PROPOSAL_LIMITS,
    /** The long fields start tall enough to show a few lines, and grow as they fill. */
    bodySize: { minHeight: 160 },
    counts: countsOf(emptyFields()),
    collectiveKinds: (Object.keys(COLLECTIVE_KIND_LABELS) as CollectiveKind[]).map((value) => ({
      value,
      label: COLLECTIVE_KIND_LABELS[value],
    })),
    myId: '',
    /** Office staff may enter a proposal for a member (代录); staff who are not members must. */
    office: false,
    officeOnly: false,
    forMemberList: [] as CoSignerPick[],
    _mySector: '',
    _myCommittee: '',
  },
  lifetimes: {
    attached() {
      void this.loadContext();
    },
  },
  methods: {
    /** Who is writing (not a co-signer of their own proposal) and the committee's live rules. */
    async loadContext() {
      loadMyProfile().then(
        (me) =>
          this.setData({
            myId: me.id,
            office: isOffice(me.roles),
            officeOnly: isOffice(me.roles) && !me.roles.includes('member'),
            _mySector: me.sector ?? '',
            _myCommittee: me.specialCommittee ?? '',
          }),
        () => undefined, // The server refuses the writer as a co-signer anyway.
      );
      try {
        const { proposals } = await loadSettings();
        this.setData({ rules: proposals, ...this.derived(this.data.form, proposals) });
      } catch {
        // Offline: the built-in defaults; the server checks again on submission.
      }
    },

    derived(f: ProposalFields, given?: ProposalRules) {
      const r = given ?? this.data.rules;
      return {
        counts: countsOf(f, r),
        categoryIndex: Math.max(0, r.categories.indexOf(f.category)),
        forMemberList: f.forMember ? [f.forMember] : [],
      };
    },

    editor(): EditorSpec<ProposalFields, ProposalDetail> {
      const rules = (): ProposalRules => this.data.rules;
      return {
        kind: 'proposal',
        detailPage: PROPOSAL_DETAIL_PAGE,
        empty: emptyFields,
        withDefaults,
        get: (proposalId) => api.proposals.get({ proposalId }),
        fieldsOf: (detail, local) => fieldsOf(detail, local?.collective?.kind),
        save: (d) => api.proposals.saveDraft(saveDraftInput(d)),
        submit: (proposalId, requestId) => callWith(requestId).proposals.submit({ proposalId }),
        holdReason: overLimitReason,
        problems: (f) => submitProblems(f, rules()),
        incomplete: (err) => incompleteFields(err.details, rules()),
        derived: (f) => this.derived(f),
        started: () => this.scheduleSimilar(0),
        refused: (err) => {
          if (err.code === 'PROPOSAL.COSIGNER_INVALID') {
            this.setData({ 'errors.coSigners': err.message });
          }
        },
        confirmSubmit: async (f) =>
          (
            await wx.showModal({
              title: f.forMember ? '提交代录的提案' : '提交提案',
              content: f.forMember
                ? `提交后将请${f.forMember.name}委员在手机上核对确认；委员没有手机的，可在提案页代为确认。`
                : confirmText(f.coSigners.length, rules().coSignDays),
              confirmText: '提交',
              cancelText: '再看看',
            })
          ).confirm,
        codes: {
          notFound: 'PROPOSAL.NOT_FOUND',
          notEditable: 'PROPOSAL.NOT_EDITABLE',
          incomplete: 'PROPOSAL.INCOMPLETE',
        },
        text: {
          submitted: '这件提案已经提交，不能再修改。',
          loadingTitle: '正在提交',
          done: '已提交',
          offline: '网络不通，提案已保存在本机。请联网后再提交。',
          fixFirst: '还有内容需要补充，请按红色提示修改后再提交。',
        },
      };
    },

    /** An edit: the behavior keeps and saves it; the text fields also look for similar ones. */
    edit(patch: Partial<ProposalFields>, field: FieldName) {
      this.change(patch, field);
      if (SIMILAR_FIELDS.includes(field)) this.scheduleSimilar();
    },

    onTitle(e: ValueEvent) {
      this.edit({ title: e.detail.value }, 'title');
    },

    onCause(e: ValueEvent) {
      this.edit({ cause: e.detail.value }, 'cause');
    },

    onSuggestion(e: ValueEvent) {
      this.edit({ suggestion: e.detail.value }, 'suggestion');
    },

    onCategory(e: ValueEvent<string | number>) {
      const category = this.data.rules.categories[Number(e.detail.value)];
      if (category) this.edit({ category }, 'category');
    },

    /** 代录: whose proposal this is, chosen before the draft first reaches the server. */
    onForMember(e: ValueEvent<CoSignerPick[]>) {
      if (this.data.serverId) return;
      const picked = e.detail.value;
      this.edit({ forMember: picked[picked.length - 1] ?? null }, 'forMember');
    },

    onCoSigners(e: ValueEvent<CoSignerPick[]>) {
      this.edit({ coSigners: e.detail.value }, 'coSigners');
    },

    /** The whole row toggles a collective proposal, named after the writer's sector at first. */
    onToggleCollective() {
      const on = !this.data.form.collective;
      const collective = on ? { kind: 'sector' as const, name: this.data._mySector } : null;
      this.edit({ collective }, 'collective');
    },

    onCollectiveKind(e: ValueEvent<CollectiveKind>) {
      const kind = e.detail.value;
      const current = this.data.form.collective;
      if (!kind || !current || current.kind === kind) return;
      const suggested = kind === 'sector' ? this.data._mySector : this.data._myCommittee;
      const known = [this.data._mySector, this.data._myCommittee, ''];
      // Keep a name the member typed; replace only the one filled in for them.
      const name = known.includes(current.name) ? suggested : current.name;
      this.edit({ collective: { kind, name } }, 'collective');
    },

    onCollectiveName(e: ValueEvent) {
      const current = this.data.form.collective;
      if (current) this.edit({ collective: { ...current, name: e.detail.value } }, 'collective');
    },
  },
});
