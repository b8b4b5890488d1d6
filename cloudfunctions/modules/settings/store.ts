import {
  DEFAULT_SETTINGS,
  type PeopleOrder,
  type SettingsBody,
} from '../../../typings/contracts/settings';
import type { DocumentStore, StoredDoc, TxOps } from '../../store/port';

/**
 * `settings/committee`: which version is in force, moved in the same transaction as a new
 * version, with a copy of it (one read for every action that needs the settings).
 */
export interface SettingsHeadDoc extends StoredDoc {
  version: number;
  /** Absent on heads written before the copy was kept: the version is read then. */
  current?: SettingsVersionDoc;
}

/** `settings_versions/<n>`: one published version, never changed afterwards. */
export interface SettingsVersionDoc extends StoredDoc {
  version: number;
  body: SettingsBody;
  updatedAt: string;
  updatedBy: string;
  updatedById: string;
  note: string | null;
  changed: Array<keyof SettingsBody>;
}

export interface CurrentSettings {
  /** 0 = the built-in defaults: nothing published yet. */
  version: number;
  body: SettingsBody;
  doc: SettingsVersionDoc | null;
}

export const HEAD_COLLECTION = 'settings';
export const HEAD_ID = 'committee';
export const VERSIONS = 'settings_versions';
export const versionId = (version: number) => String(version);

type Reader = Pick<DocumentStore, 'get'> | TxOps;

/**
 * The settings in force, for any module: one read (the head and its copy of the version), or
 * the built-in defaults when nothing has been published.
 */
export async function currentSettings(store: Reader): Promise<CurrentSettings> {
  const head = await store.get<SettingsHeadDoc>(HEAD_COLLECTION, HEAD_ID);
  if (!head) return { version: 0, body: DEFAULT_SETTINGS, doc: null };
  const doc =
    head.current?.version === head.version
      ? head.current
      : await store.get<SettingsVersionDoc>(VERSIONS, versionId(head.version));
  if (!doc) throw new Error(`settings v${head.version} is missing`);
  return { version: head.version, body: withNewerDefaults(doc.body), doc };
}

/** A version published before a setting existed reads that setting's default. */
function withNewerDefaults(body: SettingsBody): SettingsBody {
  return {
    ...body,
    proposals: { ...DEFAULT_SETTINGS.proposals, ...body.proposals },
    posts: { ...DEFAULT_SETTINGS.posts, ...body.posts },
    members: { ...DEFAULT_SETTINGS.members, ...body.members },
    sms: { ...DEFAULT_SETTINGS.sms, ...body.sms },
    speeches: { ...DEFAULT_SETTINGS.speeches, ...body.speeches },
  };
}

/** The order lists of people take (`members.order`): one read, as `currentSettings`. */
export async function peopleOrder(store: Reader): Promise<PeopleOrder> {
  return (await currentSettings(store)).body.members.order;
}

/** Months of handling time as days, by the contract's rule (the mini-program counts alike). */
export { monthsToDays } from '../../../typings/contracts/settings';

/** Whether an instant falls inside the plenary proposal window of any year. */
export function inPlenaryWindow(body: SettingsBody, at: Date): boolean {
  const t = at.getTime();
  return body.proposals.plenaryWindows.some(
    (w) => t >= Date.parse(w.opensAt) && t <= Date.parse(w.closesAt),
  );
}
