import type { MyProfile } from '../../typings/contracts';
import { api } from './api';

/**
 * The caller's own profile, loaded once and shared by app launch and the pages so that
 * opening the app costs one call. A failed load is not kept: the next caller tries again.
 */
let pending: Promise<MyProfile> | null = null;
let revision = 0;

export function loadMyProfile(options: { refresh?: boolean } = {}): Promise<MyProfile> {
  if (!pending || options.refresh) {
    const request = api.members.getMyProfile({});
    pending = request;
    request.catch(() => {
      if (pending === request) pending = null;
    });
  }
  return pending;
}

/** After binding (or any call that returns the caller's profile). */
export function setMyProfile(profile: MyProfile): void {
  pending = Promise.resolve(profile);
  revision += 1;
}

/** Increases whenever the profile is replaced, so a page shown again knows to re-render. */
export function profileRevision(): number {
  return revision;
}

/** For tests and sign-out-like resets. */
export function resetSession(): void {
  pending = null;
  revision = 0;
}
