/*
 * The phone's storage, guarded: it can fail (full, or not offered at all), and what is kept
 * there is only a safety net (drafts, unsent changes), so a failure never stops the page.
 */

export function readStored(key: string): unknown {
  try {
    return wx.getStorageSync(key);
  } catch {
    return '';
  }
}

export function writeStored(key: string, value: unknown): boolean {
  try {
    wx.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing kept, nothing to remove.
  }
}
