import type {
  SettingsBody,
  SettingsVersionSummary,
  SettingsView,
} from '../../../typings/contracts/settings';
import type { CurrentSettings, SettingsVersionDoc } from './store';

export function toView(current: CurrentSettings): SettingsView {
  return {
    ...structuredClone(current.body),
    version: current.version,
    updatedAt: current.doc?.updatedAt ?? null,
    updatedBy: current.doc?.updatedBy ?? null,
    note: current.doc?.note ?? null,
  };
}

export function toVersionSummary(doc: SettingsVersionDoc): SettingsVersionSummary {
  return {
    version: doc.version,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
    note: doc.note,
    changed: doc.changed,
  };
}

/** The top-level sections whose content differs. */
export function changedSections(
  before: SettingsBody,
  after: SettingsBody,
): Array<keyof SettingsBody> {
  return (Object.keys(after) as Array<keyof SettingsBody>).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
