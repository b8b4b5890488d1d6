import type { OpinionDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import {
  Autosave,
  findDraftByServerId,
  isClientDraftId,
  isUnsynced,
  newClientDraftId,
  readDraft,
  removeDraft,
  SAVE_STATE_TEXT,
  type LocalDraft,
  type SaveState,
} from '../../../utils/drafts';
import {
  markChanged,
  OPINION_DETAIL_PAGE,
  OPINION_LIMITS,
  pageUrl,
  queryValue,
} from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import {
  emptyOpinion,
  opinionCounts,
  opinionDraftInput,
  opinionOverLimit,
  opinionProblems,
  type OpinionField,
  type OpinionFields,
} from './form';

type Status = 'loading' | 'ready' | 'error' | 'notFound' | 'foreign';

const savers = new WeakMap<object, Autosave<OpinionFields, OpinionDetail>>();
const closed = new WeakSet<object>();

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    opinionId: '',
    form: emptyOpinion(),
    limits: OPINION_LIMITS,
    counts: opinionCounts(emptyOpinion()),
    bodySize: { minHeight: 240 },
    errors: {} as Partial<Record<OpinionField, string>>,
    saveState: 'idle' as SaveState,
    saveText: '',
    saveMessage: '',
    submitting: false,
    _query: {} as Record<string, string | undefined>,
  },
  lifetimes: {
    detached() {
      closed.add(this);
      const saver = savers.get(this);
      savers.delete(this);
      if (saver) void saver.flush().finally(() => saver.stop());
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ _query: query });
      return this.open();
    },

    onHide() {
      return savers.get(this)?.flush();
    },

    onRetry() {
      return this.open();
    },

    async open() {
      const id = queryValue(this.data._query.id);
      if (!id) {
        const asked = queryValue(this.data._query.draft);
        const valid = asked && isClientDraftId(asked) ? asked : '';
        const local = valid ? readDraft<OpinionFields>('opinion', valid) : null;
        this.start(
          local ?? {
            clientDraftId: valid || newClientDraftId(),
            serverId: null,
            revision: 0,
            syncedRevision: 0,
            fields: emptyOpinion(),
            editedAt: Date.now(),
          },
        );
        return;
      }
      this.setData({ status: 'loading' });
      const local = findDraftByServerId<OpinionFields>('opinion', id);
      let detail: OpinionDetail;
      try {
        detail = await api.opinions.get({ opinionId: id });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'OPINION.NOT_FOUND') {
          this.setData({ status: 'notFound' });
        } else if (local) {
          this.start(local);
          this.showSaveState('offline', '');
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
        return;
      }
      if (detail.status !== 'draft' || !detail.can.edit) {
        if (local) removeDraft('opinion', local.clientDraftId);
        wx.redirectTo({ url: pageUrl(OPINION_DETAIL_PAGE, id) });
        return;
      }
      if (!local) {
        // The server's answer carries neither the device's draft id nor the revision.
        this.setData({ status: 'foreign', opinionId: id });
        return;
      }
      this.start({ ...local, serverId: id });
    },

    start(draft: LocalDraft<OpinionFields>) {
      const saver = new Autosave<OpinionFields, OpinionDetail>({
        kind: 'opinion',
        draft,
        send: (d) => api.opinions.saveDraft(opinionDraftInput(d)),
        idOf: (o) => o.id,
        holdReason: (d) => opinionOverLimit(d.fields),
        onState: (state, message) => this.showSaveState(state, message),
        onSaved: (o) => {
          markChanged();
          if (o.id !== this.data.opinionId) this.setData({ opinionId: o.id });
        },
        onRefused: (err) => {
          if (err.code !== 'OPINION.NOT_EDITABLE') return false;
          removeDraft('opinion', draft.clientDraftId);
          showMessage('这篇信息已经报送，不能再修改。');
          const id = savers.get(this)?.draft.serverId ?? this.data.opinionId;
          if (id) wx.redirectTo({ url: pageUrl(OPINION_DETAIL_PAGE, id) });
          return true;
        },
      });
      savers.get(this)?.stop();
      savers.set(this, saver);
      this.setData({
        status: 'ready',
        opinionId: draft.serverId ?? '',
        form: draft.fields,
        counts: opinionCounts(draft.fields),
        errors: {},
      });
      if (isUnsynced(draft)) void saver.flush();
      else if (draft.serverId) this.showSaveState('synced', '');
    },

    showSaveState(state: SaveState, message: string) {
      if (closed.has(this)) return;
      this.setData({ saveState: state, saveText: SAVE_STATE_TEXT[state], saveMessage: message });
    },

    change(patch: Partial<OpinionFields>, field: OpinionField) {
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ form, counts: opinionCounts(form), errors });
      savers.get(this)?.edit(form);
    },

    onTitle(e: ValueEvent) {
      this.change({ title: e.detail.value }, 'title');
    },

    onBody(e: ValueEvent) {
      this.change({ body: e.detail.value }, 'body');
    },

    onOpenForeign() {
      if (this.data.opinionId) {
        wx.redirectTo({ url: pageUrl(OPINION_DETAIL_PAGE, this.data.opinionId) });
      }
    },

    async onSubmit() {
      const saver = savers.get(this);
      if (!saver || this.data.submitting) return;
      const problems = opinionProblems(this.data.form);
      if (Object.keys(problems).length > 0) {
        this.setData({ errors: problems });
        showMessage('还有内容需要补充，请按红色提示修改后再报送。');
        return;
      }
      const sure = await wx.showModal({
        title: '报送社情民意',
        content: '报送后由政协办公室编辑处理，您将不能再修改。确定报送吗？',
        confirmText: '报送',
        cancelText: '再看看',
      });
      if (!sure.confirm) return;
      this.setData({ submitting: true });
      wx.showLoading({ title: '正在报送', mask: true });
      try {
        await saver.flush();
        const opinionId = saver.draft.serverId;
        if (saver.isStopped) {
          wx.hideLoading();
          return;
        }
        if (!opinionId || saver.state !== 'synced') {
          wx.hideLoading();
          showMessage(
            saver.state === 'failed' && this.data.saveMessage
              ? this.data.saveMessage
              : '网络不通，信息已保存在本机。请联网后再报送。',
          );
          return;
        }
        // Retry-safe: sending again returns the same report.
        await api.opinions.submit({ opinionId });
        wx.hideLoading();
        saver.stop();
        removeDraft('opinion', saver.draft.clientDraftId);
        markChanged();
        showSuccess('已报送');
        wx.redirectTo({ url: pageUrl(OPINION_DETAIL_PAGE, opinionId) });
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && err.code === 'OPINION.INCOMPLETE') {
          this.setData({ errors: opinionProblems(this.data.form) });
        }
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
