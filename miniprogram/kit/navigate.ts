import type { UiEvent } from './events';

/**
 * A row or button that opens another page for the item it stands for: its `data-id` goes as
 * `?id=`. Nothing happens for a node without an id.
 */
export function openById(e: UiEvent<{ id?: string }>, page: string): void {
  const id = e.currentTarget.dataset.id;
  if (id) wx.navigateTo({ url: `${page}?id=${encodeURIComponent(id)}` });
}
