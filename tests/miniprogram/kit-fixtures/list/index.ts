/**
 * A fixture page on the kit's paged list: each fetch asks the test's `kitFixture.fetchPage`,
 * so a test decides every answer (late, failing, forbidden) and its order.
 */
import { pagedList, type ListPage } from '../../../../miniprogram/kit/paged-list';
import type { ChangeTopic } from '../../../../miniprogram/kit/changes';

interface Fixture {
  fetchPage(page: number, pageSize: number): Promise<ListPage<{ id: string; title: string }>>;
}

function fixture(): Fixture {
  return (globalThis as unknown as { kitFixture: Fixture }).kitFixture;
}

Component({
  behaviors: [pagedList],
  data: { items: [] as Array<{ id: string; title: string }> },
  methods: {
    fetchPage(page: number, pageSize: number) {
      return fixture().fetchPage(page, pageSize);
    },
    watch(): ChangeTopic[] {
      return ['proposals'];
    },
  },
});
