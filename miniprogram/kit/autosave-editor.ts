import { isApiCallError, messageOf, type ApiCallError } from '../services/errors';
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
  type DraftKind,
  type LocalDraft,
  type SaveState,
} from '../utils/drafts';
import { pageUrl } from '../utils/proposals';
import { showError, showMessage, showSuccess } from '../utils/toast';
import { markChanged, type ChangeTopic } from './changes';
import { queryValue } from '../utils/format';

/**
 * An editor whose draft is kept on the phone at every edit and saved to the server a little
 * later (utils/drafts.ts): opens the phone's copy or the server's (the newer one), says where
 * the draft is, and submits it under a requestId kept with the draft, so a submit retried
 * after the app was killed is the same request.
 *
 * The page supplies `editor(): EditorSpec` (a method) and renders `status`, `serverId`,
 * `form`, `errors`, `saveState`/`saveText`/`saveMessage`, `submitting`. It calls
 * `this.change(patch, field)` for every edit; `onSubmit` is given.
 */
/** What a saved or submitted draft of each kind changes (lists watching it reload). */
const TOPIC: Record<DraftKind, ChangeTopic> = {
  proposal: 'proposals',
  opinion: 'opinions',
  meeting: 'meetings',
  policy: 'ledger',
  reading: 'reading',
  consultation: 'studios',
  matter: 'studios',
  speech: 'speeches',
};

export type EditorStatus = 'loading' | 'ready' | 'error' | 'notFound' | 'foreign';

interface Editable {
  id: string;
  status: string;
  revision: number;
  can: { edit: boolean };
}

export interface EditorSpec<F extends object, R extends Editable> {
  kind: DraftKind;
  /** The page a submitted (or no longer editable) draft is shown on: `?id=` is appended. */
  detailPage: string;
  empty(): F;
  /** A phone copy written before a field existed gets its empty value. */
  withDefaults?(fields: F): F;
  get(serverId: string): Promise<R>;
  /** The server's fields, when its answer can be edited on (null: only the phone's copy can). */
  fieldsOf?(detail: R, local: F | null): F;
  save(draft: LocalDraft<F>): Promise<R>;
  submit(serverId: string, requestId: string): Promise<R>;
  /** Why the draft cannot go to the server as it is (over a limit), or ''. */
  holdReason(draft: LocalDraft<F>): string;
  /** What keeps the draft from being submitted, by field ({} when nothing). */
  problems(fields: F): Record<string, string>;
  /** The fields the server names in its INCOMPLETE refusal, as messages. */
  incomplete(err: ApiCallError, fields: F): Record<string, string>;
  confirmSubmit(fields: F): Promise<boolean>;
  /** A save refused for a reason a retry cannot change, other than NOT_EDITABLE. */
  refused?(err: ApiCallError): void;
  codes: { notFound: string; notEditable: string; incomplete: string };
  text: {
    submitted: string;
    loadingTitle: string;
    done: string;
    offline: string;
    fixFirst: string;
  };
  /** The draft became the page's (opened, resumed): search, derived data. */
  started?(draft: LocalDraft<F>): void;
  /** After every change: derived data (counts). */
  derived(fields: F): WechatMiniprogram.IAnyObject;
}

type Spec = EditorSpec<Record<string, unknown>, Editable>;

interface EditorPage {
  editor(): Spec;
}

/** Per page instance, not for rendering: its autosave. Closed pages show nothing. */
const savers = new WeakMap<object, Autosave<Record<string, unknown>, Editable>>();
const closed = new WeakSet<object>();

function specOf(page: unknown): Spec {
  return (page as EditorPage).editor();
}

export function saverOf(page: object): Autosave<Record<string, unknown>, Editable> | undefined {
  return savers.get(page);
}

export const autosaveEditor = Behavior({
  data: {
    status: 'loading' as EditorStatus,
    errorMessage: '',
    /** The server's id once the draft has reached it. */
    serverId: '',
    form: {} as Record<string, unknown>,
    errors: {} as Record<string, string>,
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
      // A last attempt for what was typed; then no more retries from a closed page.
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

    /** The draft to edit: the phone's copy first, the server's when newer; or a new one. */
    async open(): Promise<void> {
      const spec = specOf(this);
      const id = queryValue(this.data._query.id);
      if (!id) {
        const asked = queryValue(this.data._query.draft);
        const valid = isClientDraftId(asked) ? asked : '';
        const local = valid ? readDraft<Record<string, unknown>>(spec.kind, valid) : null;
        this.start(
          local ?? {
            clientDraftId: valid || newClientDraftId(),
            serverId: null,
            revision: 0,
            syncedRevision: 0,
            fields: spec.empty(),
            editedAt: Date.now(),
          },
        );
        return;
      }
      this.setData({ status: 'loading' });
      const local = findDraftByServerId<Record<string, unknown>>(spec.kind, id);
      let detail: Editable;
      try {
        detail = await spec.get(id);
      } catch (err) {
        if (isApiCallError(err) && err.code === spec.codes.notFound) {
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
        if (local) removeDraft(spec.kind, local.clientDraftId);
        wx.redirectTo({ url: pageUrl(spec.detailPage, id) });
        return;
      }
      const known = local ? null : knownClientDraftId(spec.kind, id);
      if (!local && known && spec.fieldsOf) {
        // Saved from this phone before (and since submitted and withdrawn): go on under its id.
        const { revision } = detail;
        const fields = spec.fieldsOf(detail, null);
        this.start({
          clientDraftId: known,
          serverId: id,
          revision,
          syncedRevision: revision,
          fields,
          editedAt: Date.now(),
        });
        return;
      }
      if (!local) {
        // Started on another phone (or this phone's storage was cleared): saving from here
        // would start a second draft, since the server's answer does not say its device id.
        this.setData({ status: 'foreign', serverId: id });
        return;
      }
      const serverNewer = Boolean(spec.fieldsOf) && detail.revision > local.revision;
      this.start({
        ...local,
        serverId: id,
        fields: serverNewer && spec.fieldsOf ? spec.fieldsOf(detail, local.fields) : local.fields,
        revision: Math.max(local.revision, detail.revision),
        syncedRevision: serverNewer ? detail.revision : local.syncedRevision,
      });
    },

    start(stored: LocalDraft<Record<string, unknown>>) {
      const spec = specOf(this);
      const fields = spec.withDefaults ? spec.withDefaults(stored.fields) : stored.fields;
      const draft = { ...stored, fields };
      const saver = new Autosave<Record<string, unknown>, Editable>({
        kind: spec.kind,
        draft,
        send: (d) => spec.save(d),
        idOf: (r) => r.id,
        holdReason: (d) => spec.holdReason(d),
        onState: (state, message) => this.showSaveState(state, message),
        onSaved: (r) => {
          markChanged(TOPIC[spec.kind]);
          if (r.id !== this.data.serverId) this.setData({ serverId: r.id });
        },
        onRefused: (err) => {
          if (err.code === spec.codes.notEditable) {
            this.leaveSubmitted();
            return true;
          }
          spec.refused?.(err);
          return false;
        },
      });
      savers.get(this)?.stop();
      savers.set(this, saver);
      this.setData({
        status: 'ready',
        serverId: draft.serverId ?? '',
        form: fields,
        errors: {},
        ...spec.derived(fields),
      });
      if (isUnsynced(draft)) void saver.flush();
      else if (draft.serverId) this.showSaveState('synced', '');
      spec.started?.(draft);
    },

    showSaveState(state: SaveState, message: string) {
      if (closed.has(this)) return;
      this.setData({ saveState: state, saveText: SAVE_STATE_TEXT[state], saveMessage: message });
    },

    /** The draft was submitted meanwhile (on another page or phone): show it as it is now. */
    leaveSubmitted() {
      const spec = specOf(this);
      const draft = savers.get(this)?.draft;
      if (draft) removeDraft(spec.kind, draft.clientDraftId);
      showMessage(spec.text.submitted);
      const id = draft?.serverId ?? this.data.serverId;
      if (id) wx.redirectTo({ url: pageUrl(spec.detailPage, id) });
    },

    /** Every edit goes through here: derived data, the phone's copy, autosave. */
    change(patch: Record<string, unknown>, field: string) {
      const spec = specOf(this);
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ form, errors, ...spec.derived(form) });
      savers.get(this)?.edit(form);
    },

    onOpenForeign() {
      const { serverId } = this.data;
      if (serverId) {
        wx.redirectTo({ url: pageUrl(specOf(this).detailPage, serverId) });
      }
    },

    async onSubmit(): Promise<void> {
      const spec = specOf(this);
      const saver = savers.get(this);
      if (!saver || this.data.submitting) return;
      const problems = spec.problems(this.data.form);
      if (Object.keys(problems).length > 0) {
        this.setData({ errors: { ...this.data.errors, ...problems } });
        showMessage(spec.text.fixFirst);
        return;
      }
      if (!(await spec.confirmSubmit(this.data.form))) return;
      this.setData({ submitting: true });
      wx.showLoading({ title: spec.text.loadingTitle, mask: true });
      try {
        // The server must have the latest text before it is submitted.
        await saver.flush();
        const serverId = saver.draft.serverId;
        if (saver.isStopped) {
          wx.hideLoading();
          return;
        }
        if (!serverId || saver.state !== 'synced') {
          wx.hideLoading();
          const held = saver.state === 'failed' && this.data.saveMessage;
          showMessage(held ? this.data.saveMessage : spec.text.offline);
          return;
        }
        await spec.submit(serverId, saver.submitRequestId());
        wx.hideLoading();
        saver.stop();
        removeDraft(spec.kind, saver.draft.clientDraftId);
        markChanged(TOPIC[spec.kind]);
        showSuccess(spec.text.done);
        wx.redirectTo({ url: pageUrl(spec.detailPage, serverId) });
      } catch (err) {
        wx.hideLoading();
        // The server answered (a refusal): the next submit is a new request. A lost answer
        // keeps the id, so sending again is the same request.
        if (isApiCallError(err) && err.code !== 'SYSTEM.UNAVAILABLE') saver.submitAnswered();
        if (isApiCallError(err) && err.code === spec.codes.incomplete) {
          this.setData({
            errors: { ...this.data.errors, ...spec.incomplete(err, this.data.form) },
          });
        }
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
