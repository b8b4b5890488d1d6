/**
 * Local practice for members and binding. Kept in one place; they move to the admin-edited
 * settings once the settings module exists.
 */
export const INVITE_CODE_LENGTH = 8;
export const INVITE_VALID_DAYS = 30;
/** Failed invite-code attempts allowed per WeChat account per hour, against guessing. */
export const MAX_BIND_FAILURES_PER_HOUR = 10;
