import { isApiCallError } from '../services/errors';
import { resourcePage } from './resource-page';
import { queryValue } from '../utils/format';

/**
 * A resource page about one item, opened as `?id=` (提案详情, 社情民意详情): the id kept in
 * `_id`, and a missing id or the item's not-found refusal shown as `notFound` (no retry can
 * change it) rather than as an error.
 *
 * The page supplies data `_notFoundCode` (e.g. PROPOSAL.NOT_FOUND) and the method
 * `fetchItem(id)`: the data to set once the item arrived. It renders its not-found notice
 * inside `<page-state>` with `wx:if="{{notFound}}"`.
 */
interface Hooks {
  fetchItem(id: string): Promise<WechatMiniprogram.IAnyObject>;
}

export const detailPage = Behavior({
  behaviors: [resourcePage],
  data: { notFound: false, _id: '', _notFoundCode: '' },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const id = queryValue(this.data._query.id);
      if (!id) return { notFound: true };
      try {
        const data = await (this as unknown as Hooks).fetchItem.call(this, id);
        return { ...data, _id: id, notFound: false };
      } catch (err) {
        if (isApiCallError(err) && err.code === this.data._notFoundCode) return { notFound: true };
        throw err;
      }
    },
  },
});
