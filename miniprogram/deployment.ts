/**
 * The CloudBase environment this package talks to outside development: written by
 * `npm run deploy` (from TCB_ENV_ID), committed with the release it belongs to. Empty: the
 * default environment of the mini-program's account.
 */
export const DEPLOYMENT = { cloudEnv: '' };
