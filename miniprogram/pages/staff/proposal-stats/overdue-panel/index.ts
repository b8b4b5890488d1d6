/**
 * 超期未答复的提案: every proposal past its reply deadline, oldest deadline first, a page at a
 * time (显示更多), each opening the handling page.
 */
import type { ProposalSummary } from '../../../../../typings/contracts';
import type { UiEvent } from '../../../../kit/events';
import { pagedList, type ListPage } from '../../../../kit/paged-list';
import { api } from '../../../../services/api';
import { formatDate } from '../../../../utils/ledger';
import { pageUrl, PROPOSAL_HANDLE_PAGE } from '../../../../utils/proposals';

interface OverdueItem {
  id: string;
  title: string;
  deadlineText: string;
  unitsText: string;
}

function toItem(p: ProposalSummary & { deadline: string; units: string[] }): OverdueItem {
  return {
    id: p.id,
    title: p.number ? `${p.number} ${p.title}` : p.title,
    deadlineText: formatDate(p.deadline),
    unitsText: p.units.join('、'),
  };
}

Component({
  behaviors: [pagedList],
  options: { pureDataPattern: /^_/ },
  data: { items: [] as OverdueItem[] },
  lifetimes: {
    attached() {
      void this.reload();
    },
  },
  methods: {
    async fetchPage(page: number, pageSize: number): Promise<ListPage<OverdueItem>> {
      const result = await api.proposals.listOverdue({ page, pageSize });
      return { items: result.items.map(toItem), total: result.total };
    },

    onOpen(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(PROPOSAL_HANDLE_PAGE, id) });
    },
  },
});
