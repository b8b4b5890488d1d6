import type { SettingsView } from '../../typings/contracts';
import { api } from '../services/api';

/** Settings change rarely (an admin publishes a version); a page opened later sees the new one. */
export const SETTINGS_TTL_MS = 10 * 60 * 1000;

let cached: { view: SettingsView; at: number } | null = null;
let pending: Promise<SettingsView> | null = null;
/** Bumped by refreshSettings() so a request started before it cannot refill the cache. */
let generation = 0;

/**
 * The settings in force, fetched once per app session and kept for 10 minutes; callers that
 * ask while a request is in flight share it. Rejects with the request's error (nothing is
 * cached then): the caller decides whether to fall back or show an error.
 */
export function loadSettings(): Promise<SettingsView> {
  if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return Promise.resolve(cached.view);
  if (pending) return pending;
  const mine = generation;
  const request = api.settings.get({}).then(
    (view) => {
      if (mine === generation) {
        cached = { view, at: Date.now() };
        pending = null;
      }
      return view;
    },
    (error: unknown) => {
      if (mine === generation) pending = null;
      throw error;
    },
  );
  pending = request;
  return request;
}

/** Forgets the cached settings (after an admin saves them, or on pull-down): the next load fetches. */
export function refreshSettings(): void {
  generation += 1;
  cached = null;
  pending = null;
}
