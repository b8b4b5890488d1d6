/**
 * Drafts that survive a lost network and an app restart: every edit is kept on the phone
 * (`wx.setStorageSync`) under the device's draft id, then saved to the server a little later.
 *
 * The device's draft id (`clientDraftId`) is chosen once, when a draft is started, and sent
 * with every save: the server derives the draft's id from it, so a save retried after a lost
 * answer never makes a second draft. `revision` grows with every edit: a save that arrives
 * late with an older revision never overwrites a newer one.
 */
import { newRequestId } from '../services/api';
import { isApiCallError, messageOf, type ApiCallError } from '../services/errors';
import { readStored, removeStored, writeStored } from './storage';

/** The one local-draft store of the app: every editor keeps its typing here, by kind. */
export type DraftKind =
  'proposal' | 'opinion' | 'meeting' | 'policy' | 'reading' | 'consultation' | 'matter' | 'speech';

export interface LocalDraft<F> {
  clientDraftId: string;
  /** The server's id for it, once a save succeeded. */
  serverId: string | null;
  /** The latest edit's number. */
  revision: number;
  /** The newest revision the server has confirmed (0: none). */
  syncedRevision: number;
  fields: F;
  /** When it was last edited (ms), for listing. */
  editedAt: number;
  /**
   * The requestId of a submit sent and not yet answered: kept here so the submit retried after
   * the app was killed is the same request (the server answers it once).
   */
  submitRequestId?: string | null;
}

const indexKey = (kind: DraftKind) => `drafts:${kind}`;
const idsKey = (kind: DraftKind) => `draftIds:${kind}`;
const draftKey = (kind: DraftKind, clientDraftId: string) => `draft:${kind}:${clientDraftId}`;

/** 8–64 of `A-Z a-z 0-9 _ -`, as the contract asks: time first, then randomness. */
export function newClientDraftId(now: number = Date.now()): string {
  let id = `d${now.toString(36)}`;
  while (id.length < 20) id += Math.floor(Math.random() * 36).toString(36);
  return id;
}

export function isClientDraftId(value: string): boolean {
  return /^[A-Za-z0-9_-]{8,64}$/.test(value);
}

function readIndex(kind: DraftKind): string[] {
  const value = readStored(indexKey(kind));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isDraft(value: unknown): value is LocalDraft<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<LocalDraft<unknown>>;
  return (
    typeof d.clientDraftId === 'string' &&
    typeof d.revision === 'number' &&
    typeof d.syncedRevision === 'number' &&
    typeof d.fields === 'object' &&
    d.fields !== null
  );
}

export function readDraft<F>(kind: DraftKind, clientDraftId: string): LocalDraft<F> | null {
  const value = readStored(draftKey(kind, clientDraftId));
  return isDraft(value) ? (value as LocalDraft<F>) : null;
}

/** Keeps the draft on the phone; false when storage refused it. */
export function writeDraft<F>(kind: DraftKind, draft: LocalDraft<F>): boolean {
  const stored = writeStored(draftKey(kind, draft.clientDraftId), draft);
  const index = readIndex(kind);
  if (stored && !index.includes(draft.clientDraftId)) {
    writeStored(indexKey(kind), index.concat(draft.clientDraftId));
  }
  return stored;
}

export function removeDraft(kind: DraftKind, clientDraftId: string): void {
  removeStored(draftKey(kind, clientDraftId));
  writeStored(
    indexKey(kind),
    readIndex(kind).filter((id) => id !== clientDraftId),
  );
}

/** Every draft kept on this phone, most recently edited first. */
export function listDrafts<F>(kind: DraftKind): Array<LocalDraft<F>> {
  return readIndex(kind)
    .map((id) => readDraft<F>(kind, id))
    .filter((d): d is LocalDraft<F> => d !== null)
    .sort((a, b) => b.editedAt - a.editedAt);
}

export function findDraftByServerId<F>(kind: DraftKind, serverId: string): LocalDraft<F> | null {
  return listDrafts<F>(kind).find((d) => d.serverId === serverId) ?? null;
}

function readIds(kind: DraftKind): Record<string, string> {
  const value = readStored(idsKey(kind));
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, string>)
    : {};
}

/**
 * Remembers which device id a server draft was saved under, beyond the draft itself: a
 * proposal withdrawn after submission becomes a draft again, and is edited under the same id.
 */
export function rememberDraftId(kind: DraftKind, serverId: string, clientDraftId: string): void {
  const ids = readIds(kind);
  if (ids[serverId] !== clientDraftId)
    writeStored(idsKey(kind), { ...ids, [serverId]: clientDraftId });
}

export function knownClientDraftId(kind: DraftKind, serverId: string): string | null {
  const id = readIds(kind)[serverId];
  return typeof id === 'string' && isClientDraftId(id) ? id : null;
}

/**
 * A form kept on the phone as typed, for editors that save by hand (a meeting, a policy year):
 * one per `key`, with the server version it was started from, so typing made before someone
 * else's save is recognised as stale.
 */
export interface KeptForm<F> {
  key: string;
  version: number;
  fields: F;
  editedAt: number;
}

/** The storage key a kept form lives under. */
export function storageKeyOfForm(kind: DraftKind, key: string): string {
  return `form:${kind}:${key}`;
}

export function keepForm<F>(kind: DraftKind, key: string, version: number, fields: F): boolean {
  return writeStored(storageKeyOfForm(kind, key), { key, version, fields, editedAt: Date.now() });
}

export function readKeptForm<F>(kind: DraftKind, key: string): KeptForm<F> | null {
  const value = readStored(storageKeyOfForm(kind, key));
  if (typeof value !== 'object' || value === null) return null;
  const kept = value as Partial<KeptForm<F>>;
  if (typeof kept.fields !== 'object' || kept.fields === null) return null;
  return {
    key,
    version: typeof kept.version === 'number' ? kept.version : 0,
    fields: kept.fields,
    editedAt: typeof kept.editedAt === 'number' ? kept.editedAt : 0,
  };
}

export function dropKeptForm(kind: DraftKind, key: string): void {
  removeStored(storageKeyOfForm(kind, key));
}

/** Has edits the server has not confirmed yet. */
export function isUnsynced(draft: LocalDraft<unknown>): boolean {
  return draft.revision > draft.syncedRevision;
}

/** What the autosave indicator says. */
export type SaveState = 'idle' | 'local' | 'saving' | 'synced' | 'offline' | 'failed';

export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  local: '已保存在本机',
  saving: '保存中…',
  synced: '已保存到云端',
  offline: '已保存在本机，联网后同步',
  failed: '未能保存到云端',
};

/** Seconds of quiet typing before the draft goes to the server. */
export const AUTOSAVE_DELAY_MS = 2000;
/** After a failed save (no network), try again this soon. */
export const AUTOSAVE_RETRY_MS = 15000;

export interface AutosaveOptions<F, R> {
  kind: DraftKind;
  draft: LocalDraft<F>;
  /** Sends one save (the api call). */
  send: (draft: LocalDraft<F>) => Promise<R>;
  /** The server's id in its answer. */
  idOf: (result: R) => string;
  /** The indicator changed. `message` explains a refusal. */
  onState: (state: SaveState, message: string) => void;
  /** The server confirmed a save. */
  onSaved?: (result: R) => void;
  /**
   * A refusal a retry cannot change (the draft was submitted meanwhile, a co-signer is not
   * valid). Return true to stop autosaving for good.
   */
  onRefused?: (err: ApiCallError) => boolean;
  /** Why this draft cannot go to the server as it is (over a limit), or '' when it can. */
  holdReason?: (draft: LocalDraft<F>) => string;
  delayMs?: number;
  retryMs?: number;
}

/** The failures a later attempt may get past: the network, or the server's passing trouble. */
function isTransient(err: unknown): boolean {
  return (
    !isApiCallError(err) || err.code === 'SYSTEM.UNAVAILABLE' || err.code === 'SYSTEM.INTERNAL'
  );
}

/**
 * Keeps one draft: `edit()` stores it on the phone at once and schedules a save; saves run one
 * at a time, and whatever was typed during a save is sent after it.
 */
export class Autosave<F, R> {
  private readonly options: AutosaveOptions<F, R>;
  private current: LocalDraft<F>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private lastState: SaveState = 'idle';

  constructor(options: AutosaveOptions<F, R>) {
    this.options = options;
    this.current = options.draft;
  }

  get draft(): LocalDraft<F> {
    return this.current;
  }

  get state(): SaveState {
    return this.lastState;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private setState(state: SaveState, message = ''): void {
    this.lastState = state;
    this.options.onState(state, message);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** One edit: the new fields are kept on the phone now and go to the server after a pause. */
  edit(fields: F): void {
    if (this.stopped) return;
    this.current = {
      ...this.current,
      fields,
      revision: this.current.revision + 1,
      editedAt: Date.now(),
    };
    writeDraft(this.options.kind, this.current);
    if (!this.inFlight) this.setState('local');
    this.schedule(this.options.delayMs ?? AUTOSAVE_DELAY_MS);
  }

  /**
   * Saves now (on hide, before submitting). Resolves when the server has the latest edit or
   * the attempt failed; `state` then says which.
   */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight) await this.inFlight;
    if (this.stopped) return;
    if (!isUnsynced(this.current)) {
      // A draft resumed as the server has it is synced, though nothing was sent from here.
      if (this.lastState !== 'idle' || this.current.serverId) this.setState('synced');
      return;
    }
    this.inFlight = this.sendOnce();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    // Typed while the save was out: send that too (through the pause, unless asked to hurry).
    if (!this.stopped && this.lastState === 'synced' && isUnsynced(this.current)) {
      this.setState('local');
      this.schedule(this.options.delayMs ?? AUTOSAVE_DELAY_MS);
    }
  }

  private async sendOnce(): Promise<void> {
    const sent = this.current;
    const held = this.options.holdReason?.(sent) ?? '';
    if (held) {
      this.setState('failed', held);
      return;
    }
    this.setState('saving');
    try {
      const result = await this.options.send(sent);
      if (this.stopped) return;
      this.current = {
        ...this.current,
        serverId: this.options.idOf(result),
        syncedRevision: Math.max(this.current.syncedRevision, sent.revision),
      };
      writeDraft(this.options.kind, this.current);
      rememberDraftId(this.options.kind, this.current.serverId!, this.current.clientDraftId);
      this.options.onSaved?.(result);
      this.setState('synced');
    } catch (err) {
      if (this.stopped) return;
      if (isTransient(err)) {
        this.setState('offline');
        this.schedule(this.options.retryMs ?? AUTOSAVE_RETRY_MS);
        return;
      }
      const apiErr = err as ApiCallError;
      if (this.options.onRefused?.(apiErr)) {
        this.stop();
        return;
      }
      this.setState('failed', messageOf(err));
    }
  }

  /**
   * The requestId to submit under: the one kept with the draft when a submit was sent and not
   * answered (the app was killed meanwhile), else a new one, kept before it is sent.
   */
  submitRequestId(): string {
    const kept = this.current.submitRequestId;
    if (kept) return kept;
    const requestId = newRequestId();
    this.current = { ...this.current, submitRequestId: requestId };
    writeDraft(this.options.kind, this.current);
    return requestId;
  }

  /** The submit was answered (either way): a later one is a new request. */
  submitAnswered(): void {
    if (!this.current.submitRequestId) return;
    this.current = { ...this.current, submitRequestId: null };
    writeDraft(this.options.kind, this.current);
  }

  /** No more saves (the page closed, or the draft was submitted). The phone's copy stays. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
