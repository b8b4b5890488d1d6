import type { DirectoryEntry, ProposalDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { fileMessageOf, uploadFile } from '../../../services/files';
import { loadMyProfile } from '../../../services/session';
import {
  Autosave,
  findDraftByServerId,
  isClientDraftId,
  isUnsynced,
  knownClientDraftId,
  newClientDraftId,
  readDraft,
  removeDraft,
  SAVE_STATE_TEXT,
  type LocalDraft,
  type SaveState,
} from '../../../utils/drafts';
import {
  markChanged,
  pageUrl,
  PROPOSAL_CATEGORIES,
  PROPOSAL_DETAIL_PAGE,
  PROPOSAL_LIMITS,
  queryValue,
  toSimilarItem,
  type SimilarItem,
} from '../../../utils/proposals';
import { isCancel } from '../../../utils/files';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  COLLECTIVE_KIND_LABELS,
  countsOf,
  emptyFields,
  fieldsOf,
  incompleteFields,
  isCategory,
  overLimitReason,
  saveDraftInput,
  similarQuery,
  submitProblems,
  withDefaults,
  type CollectiveKind,
  type Counts,
  type FieldName,
  type ProposalFields,
} from './form';

/** Quiet typing before similar proposals are looked up. */
export const SIMILAR_DELAY_MS = 800;
export const SIMILAR_LIMIT = 5;
/** At least this much text before looking for similar proposals. */
const SIMILAR_MIN_CHARS = 4;

type Status = 'loading' | 'ready' | 'error' | 'notFound' | 'foreign';
type SimilarStatus = 'idle' | 'loading' | 'ready' | 'error';
type Errors = Partial<Record<FieldName, string>>;

/** Per page instance, not for rendering: the draft's autosave and the similar-search timer. */
const savers = new WeakMap<object, Autosave<ProposalFields, ProposalDetail>>();
const similarTimers = new WeakMap<object, ReturnType<typeof setTimeout>>();
/** Pages already closed: a save finishing later has nothing to show. */
const closed = new WeakSet<object>();

interface MemberResult {
  id: string;
  name: string;
  sector: string;
}

function toMemberResult(m: DirectoryEntry): MemberResult {
  return { id: m.id, name: m.name, sector: m.sector ?? '' };
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

function photoExtension(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return ext === 'png' || ext === 'jpeg' ? ext : 'jpg';
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    /** The server's id once the draft has reached it. */
    proposalId: '',
    form: emptyFields(),
    categories: PROPOSAL_CATEGORIES as readonly string[],
    categoryIndex: PROPOSAL_CATEGORIES.indexOf('其他'),
    limits: PROPOSAL_LIMITS,
    /** The long fields start tall enough to show a few lines, and grow as they fill. */
    bodySize: { minHeight: 160 },
    counts: countsOf(emptyFields()) as Counts,
    errors: {} as Errors,
    saveState: 'idle' as SaveState,
    saveText: '',
    saveMessage: '',
    similarStatus: 'idle' as SimilarStatus,
    similar: [] as SimilarItem[],
    pickerOpen: false,
    memberKeyword: '',
    memberStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    memberResults: [] as MemberResult[],
    memberError: '',
    collectiveKinds: (Object.keys(COLLECTIVE_KIND_LABELS) as CollectiveKind[]).map((value) => ({
      value,
      label: COLLECTIVE_KIND_LABELS[value],
    })),
    submitting: false,
    /** What the upload is doing ('' when idle): 正在上传… */
    uploading: '',
    _similarSeq: 0,
    _memberSeq: 0,
    _myId: '',
    _mySector: '',
    _myCommittee: '',
    _query: {} as Record<string, string | undefined>,
  },
  lifetimes: {
    detached() {
      closed.add(this);
      const timer = similarTimers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      similarTimers.delete(this);
      const saver = savers.get(this);
      savers.delete(this);
      // A last attempt for what was typed; then no more retries from a closed page.
      if (saver) void saver.flush().finally(() => saver.stop());
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ _query: query });
      void this.loadMe();
      return this.open();
    },

    onHide() {
      return savers.get(this)?.flush();
    },

    onRetry() {
      return this.open();
    },

    /** Who is writing: not a co-signer of their own proposal; their sector for a collective one. */
    async loadMe() {
      try {
        const me = await loadMyProfile();
        this.setData({
          _myId: me.id,
          _mySector: me.sector ?? '',
          _myCommittee: me.specialCommittee ?? '',
        });
      } catch {
        // The server refuses the writer as a co-signer anyway.
      }
    },

    /** The draft to edit: the phone's copy first, the server's when newer; or a new one. */
    async open() {
      const id = queryValue(this.data._query.id);
      if (!id) {
        const asked = queryValue(this.data._query.draft);
        const local =
          asked && isClientDraftId(asked) ? readDraft<ProposalFields>('proposal', asked) : null;
        this.start(
          local ?? {
            clientDraftId: asked && isClientDraftId(asked) ? asked : newClientDraftId(),
            serverId: null,
            revision: 0,
            syncedRevision: 0,
            fields: emptyFields(),
            editedAt: Date.now(),
          },
        );
        return;
      }
      this.setData({ status: 'loading' });
      const local = findDraftByServerId<ProposalFields>('proposal', id);
      let detail: ProposalDetail;
      try {
        detail = await api.proposals.get({ proposalId: id });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'PROPOSAL.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else if (local) {
          // No network: the phone's copy is the latest the member has.
          this.start(local);
          this.showSaveState('offline', '');
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
        return;
      }
      if (detail.status !== 'draft' || !detail.can.edit) {
        if (local) removeDraft('proposal', local.clientDraftId);
        wx.redirectTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, id) });
        return;
      }
      if (!local) {
        const known = knownClientDraftId('proposal', id);
        if (known) {
          // Saved from this phone before (and since submitted and withdrawn): go on under its id.
          this.start({
            clientDraftId: known,
            serverId: id,
            revision: detail.revision,
            syncedRevision: detail.revision,
            fields: fieldsOf(detail),
            editedAt: Date.now(),
          });
          return;
        }
        // Started on another phone (or this phone's storage was cleared): saving from here
        // would start a second draft, since the server's answer does not say its device id.
        this.setData({ status: 'foreign', proposalId: id });
        return;
      }
      const serverNewer = detail.revision > local.revision;
      this.start({
        ...local,
        serverId: id,
        fields: serverNewer ? fieldsOf(detail, local.fields.collective?.kind) : local.fields,
        revision: Math.max(local.revision, detail.revision),
        syncedRevision: serverNewer ? detail.revision : local.syncedRevision,
      });
    },

    start(stored: LocalDraft<ProposalFields>) {
      const draft = { ...stored, fields: withDefaults(stored.fields) };
      const saver = new Autosave<ProposalFields, ProposalDetail>({
        kind: 'proposal',
        draft,
        send: (d) => api.proposals.saveDraft(saveDraftInput(d)),
        idOf: (p) => p.id,
        holdReason: (d) => overLimitReason(d.fields),
        onState: (state, message) => this.showSaveState(state, message),
        onSaved: (p) => {
          markChanged();
          if (p.id !== this.data.proposalId) this.setData({ proposalId: p.id });
        },
        onRefused: (err) => {
          if (err.code === 'PROPOSAL.NOT_EDITABLE') {
            this.leaveSubmitted();
            return true;
          }
          if (err.code === 'PROPOSAL.COSIGNER_INVALID') {
            this.setData({ 'errors.coSigners': err.message });
          }
          return false;
        },
      });
      savers.get(this)?.stop();
      savers.set(this, saver);
      const f = draft.fields;
      this.setData({
        status: 'ready',
        proposalId: draft.serverId ?? '',
        form: f,
        categoryIndex: Math.max(0, PROPOSAL_CATEGORIES.indexOf(f.category)),
        counts: countsOf(f),
        errors: {},
      });
      if (isUnsynced(draft)) void saver.flush();
      else if (draft.serverId) this.showSaveState('synced', '');
      this.scheduleSimilar(0);
    },

    showSaveState(state: SaveState, message: string) {
      if (closed.has(this)) return;
      this.setData({ saveState: state, saveText: SAVE_STATE_TEXT[state], saveMessage: message });
    },

    /** The draft was submitted meanwhile (on another page or phone): show it as it is now. */
    leaveSubmitted() {
      const saver = savers.get(this);
      const draft = saver?.draft;
      if (draft) removeDraft('proposal', draft.clientDraftId);
      showMessage('这件提案已经提交，不能再修改。');
      const id = draft?.serverId ?? this.data.proposalId;
      if (id) wx.redirectTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, id) });
    },

    /** Every change goes through here: counts, the phone's copy, autosave, similar search. */
    change(patch: Partial<ProposalFields>, field: FieldName) {
      const form: ProposalFields = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ form, counts: countsOf(form), errors });
      savers.get(this)?.edit(form);
      if (field === 'title' || field === 'cause' || field === 'suggestion') {
        this.scheduleSimilar(SIMILAR_DELAY_MS);
      }
    },

    onTitle(e: ValueEvent) {
      this.change({ title: e.detail.value }, 'title');
    },

    onCause(e: ValueEvent) {
      this.change({ cause: e.detail.value }, 'cause');
    },

    onSuggestion(e: ValueEvent) {
      this.change({ suggestion: e.detail.value }, 'suggestion');
    },

    onCategory(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const category = PROPOSAL_CATEGORIES[Number(e.detail.value)];
      if (!category || !isCategory(category)) return;
      this.setData({ categoryIndex: Number(e.detail.value) });
      this.change({ category }, 'category');
    },

    /** The whole row toggles a collective proposal, named after the writer's sector at first. */
    onToggleCollective() {
      const on = !this.data.form.collective;
      this.change(
        { collective: on ? { kind: 'sector', name: this.data._mySector } : null },
        'collective',
      );
    },

    onCollectiveKind(e: DataEvent<{ kind?: CollectiveKind }>) {
      const { kind } = e.currentTarget.dataset;
      const current = this.data.form.collective;
      if (!kind || !current || current.kind === kind) return;
      const suggested = kind === 'sector' ? this.data._mySector : this.data._myCommittee;
      const known = [this.data._mySector, this.data._myCommittee, ''];
      // Keep a name the member typed; replace only the one filled in for them.
      const name = known.includes(current.name) ? suggested : current.name;
      this.change({ collective: { kind, name } }, 'collective');
    },

    onCollectiveName(e: ValueEvent) {
      const current = this.data.form.collective;
      if (!current) return;
      this.change({ collective: { ...current, name: e.detail.value } }, 'collective');
    },

    /* Attachments */

    /** A file from a chat, or photos: uploaded one by one, each kept in the draft as it lands. */
    async onAddAttachment() {
      const room = PROPOSAL_LIMITS.attachments - this.data.form.attachments.length;
      if (room <= 0 || this.data.uploading) return;
      let picked: Array<{ path: string; name: string; size: number }>;
      try {
        const { tapIndex } = await wx.showActionSheet({ itemList: ['聊天中的文件', '照片'] });
        picked =
          tapIndex === 1
            ? (
                await wx.chooseMedia({
                  count: room,
                  mediaType: ['image'],
                  sizeType: ['compressed'],
                })
              ).tempFiles.map((f, i) => ({
                path: f.tempFilePath,
                name: `照片${this.data.form.attachments.length + i + 1}.${photoExtension(f.tempFilePath)}`,
                size: f.size,
              }))
            : (await wx.chooseMessageFile({ count: room, type: 'file' })).tempFiles;
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed: string[] = [];
      for (const [i, file] of picked.slice(0, room).entries()) {
        const counter = picked.length > 1 ? `（${i + 1}/${picked.length}）` : '';
        this.setData({ uploading: `正在上传${counter}…` });
        try {
          const stored = await uploadFile(file.path, file.name, {
            size: file.size,
            onProgress: (p) => this.setData({ uploading: `正在上传${counter}… ${p}%` }),
          });
          this.change({ attachments: this.data.form.attachments.concat(stored) }, 'attachments');
        } catch (err) {
          failed.push(`${file.name}：${fileMessageOf(err, '上传失败，请稍后重试')}`);
        }
      }
      this.setData({ uploading: '' });
      if (failed.length) showMessage(failed.join('\n'), '以下文件未能上传');
    },

    onRemoveAttachment(e: DataEvent<{ index?: number }>) {
      const { index } = e.currentTarget.dataset;
      if (index === undefined) return;
      this.change(
        { attachments: this.data.form.attachments.filter((_, i) => i !== index) },
        'attachments',
      );
    },

    scheduleSimilar(delayMs: number) {
      const timer = similarTimers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      similarTimers.set(
        this,
        setTimeout(() => {
          similarTimers.delete(this);
          void this.findSimilar();
        }, delayMs),
      );
    },

    async findSimilar() {
      const { title, text } = similarQuery(this.data.form);
      const seq = this.data._similarSeq + 1;
      if (title.length + text.length < SIMILAR_MIN_CHARS) {
        this.setData({ _similarSeq: seq, similarStatus: 'idle', similar: [] });
        return;
      }
      this.setData({ _similarSeq: seq, similarStatus: 'loading' });
      const input: Parameters<typeof api.proposals.findSimilar>[0] = {
        title: title.slice(0, PROPOSAL_LIMITS.title),
        text: text.slice(0, PROPOSAL_LIMITS.body * 2),
        limit: SIMILAR_LIMIT,
      };
      if (this.data.proposalId) input.excludeId = this.data.proposalId;
      try {
        const result = await api.proposals.findSimilar(input);
        if (seq !== this.data._similarSeq) return;
        this.setData({
          similarStatus: 'ready',
          similar: result.items.slice(0, SIMILAR_LIMIT).map(toSimilarItem),
        });
      } catch {
        if (seq !== this.data._similarSeq) return;
        this.setData({ similarStatus: 'error' });
      }
    },

    onRetrySimilar() {
      return this.findSimilar();
    },

    onOpenSimilar(e: DataEvent<{ id?: string; public?: boolean }>) {
      const { id, public: isPublic } = e.currentTarget.dataset;
      if (id && isPublic) wx.navigateTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, id) });
    },

    onTogglePicker() {
      this.setData({ pickerOpen: !this.data.pickerOpen });
    },

    onMemberKeyword(e: ValueEvent) {
      this.setData({ memberKeyword: e.detail.value });
    },

    async onSearchMembers(e?: ValueEvent) {
      const keyword = (e?.detail?.value ?? this.data.memberKeyword).trim();
      this.setData({ memberKeyword: keyword });
      if (!keyword) return;
      const seq = this.data._memberSeq + 1;
      this.setData({ _memberSeq: seq, memberStatus: 'loading', memberError: '' });
      try {
        const result = await api.members.listDirectory({ keyword, pageSize: 20 });
        if (seq !== this.data._memberSeq) return;
        this.setData({
          memberStatus: 'ready',
          memberResults: result.items.filter((m) => m.id !== this.data._myId).map(toMemberResult),
        });
      } catch (err) {
        if (seq !== this.data._memberSeq) return;
        this.setData({ memberStatus: 'error', memberError: messageOf(err) });
      }
    },

    onAddCoSigner(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      const found = this.data.memberResults.find((m) => m.id === id);
      const { coSigners } = this.data.form;
      if (!found || coSigners.some((c) => c.id === found.id)) return;
      if (coSigners.length >= PROPOSAL_LIMITS.coSigners) {
        showMessage(`联名人不能超过 ${PROPOSAL_LIMITS.coSigners} 位`);
        return;
      }
      this.change({ coSigners: coSigners.concat(found) }, 'coSigners');
    },

    onRemoveCoSigner(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      this.change({ coSigners: this.data.form.coSigners.filter((c) => c.id !== id) }, 'coSigners');
    },

    onOpenForeign() {
      if (this.data.proposalId) {
        wx.redirectTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, this.data.proposalId) });
      }
    },

    async onSubmit() {
      const saver = savers.get(this);
      if (!saver || this.data.submitting) return;
      const problems = submitProblems(this.data.form);
      if (Object.keys(problems).length > 0) {
        this.setData({ errors: { ...this.data.errors, ...problems } });
        showMessage('还有内容需要补充，请按红色提示修改后再提交。');
        return;
      }
      const n = this.data.form.coSigners.length;
      const sure = await wx.showModal({
        title: '提交提案',
        content:
          n > 0
            ? `提交后将邀请 ${n} 位联名人在 7 天内确认，全部答复后进入审查。提交后不能再修改，审查前可以撤回。`
            : '提交后进入审查，不能再修改；审查前可以撤回。',
        confirmText: '提交',
        cancelText: '再看看',
      });
      if (!sure.confirm) return;
      this.setData({ submitting: true });
      wx.showLoading({ title: '正在提交', mask: true });
      try {
        // The server must have the latest text before it is submitted.
        await saver.flush();
        const proposalId = saver.draft.serverId;
        if (saver.isStopped) {
          wx.hideLoading();
          return;
        }
        if (!proposalId || saver.state !== 'synced') {
          wx.hideLoading();
          showMessage(
            saver.state === 'failed' && this.data.saveMessage
              ? this.data.saveMessage
              : '网络不通，提案已保存在本机。请联网后再提交。',
          );
          return;
        }
        // Retry-safe: submitting again returns the same proposal.
        await api.proposals.submit({ proposalId });
        wx.hideLoading();
        saver.stop();
        removeDraft('proposal', saver.draft.clientDraftId);
        markChanged();
        showSuccess('已提交');
        wx.redirectTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, proposalId) });
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && err.code === 'PROPOSAL.INCOMPLETE') {
          this.setData({ errors: { ...this.data.errors, ...incompleteFields(err.details) } });
        }
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
