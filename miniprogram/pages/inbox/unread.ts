/**
 * The unread count of the inbox (消息通知), as the tab pages show it: on the home page's entry,
 * on the 会议 tab, in 我的, and as a badge on the 我的 tab. The tab pages read it when shown,
 * so coming back from the inbox shows what was read there.
 */
import { api } from '../../services/api';

export const INBOX_PAGE = '/pages/inbox/index';

/** The 我的 tab (pages/profile/index): its place in app.json's `tabBar.list`. */
export const PROFILE_TAB_INDEX = 3;

/** A count as a badge or a label shows it. */
export function unreadText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

const ignore = () => undefined;

/**
 * Shows `count` as the 我的 tab's badge, or no badge at 0. Never throws: WeChat refuses the
 * call on a page that is not a tab page, and an old base library may lack it.
 */
export function showUnreadBadge(count: number): void {
  try {
    if (count > 0)
      wx.setTabBarBadge({ index: PROFILE_TAB_INDEX, text: unreadText(count), fail: ignore });
    else wx.removeTabBarBadge({ index: PROFILE_TAB_INDEX, fail: ignore });
  } catch {
    // No tab bar API here: the badge is a convenience.
  }
}

/**
 * Reads the unread count and shows it on the 我的 tab. Resolves to the count, or null when it
 * could not be read (the badge then stays as it was); never rejects.
 */
export async function loadUnreadCount(): Promise<number | null> {
  try {
    const { count } = await api.notify.getUnreadCount({});
    showUnreadBadge(count);
    return count;
  } catch {
    return null;
  }
}
