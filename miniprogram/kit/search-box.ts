/**
 * A list page's search box (TDesign `t-search`): `keyword` follows the typing, a submit or a
 * clear reloads the list. Pair with the resource page or paged list (it calls `reload()`):
 * `<t-search value="{{keyword}}" bind:change="onKeyword" bind:submit="onSearch"
 *  bind:clear="onClearSearch" />`; the page's fetch reads `this.data.keyword`.
 */
import type { UiEvent } from './events';

interface Reloads {
  reload(): Promise<void>;
}

export const searchBox = Behavior({
  data: { keyword: '' },
  methods: {
    onKeyword(e: UiEvent<WechatMiniprogram.IAnyObject, { value: string }>) {
      this.setData({ keyword: e.detail.value });
    },

    onSearch(e: UiEvent<WechatMiniprogram.IAnyObject, { value?: string }>) {
      this.setData({ keyword: e.detail?.value ?? this.data.keyword });
      return (this as unknown as Reloads).reload();
    },

    onClearSearch() {
      this.setData({ keyword: '' });
      return (this as unknown as Reloads).reload();
    },
  },
});
