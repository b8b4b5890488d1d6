/** 我的大会发言: the member's speeches (drafts on this phone first), and 写大会发言. */
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { listDrafts } from '../../../utils/drafts';
import { formatDate } from '../../../utils/ledger';
import { pageUrl } from '../../../utils/proposals';
import {
  SPEECH_DETAIL_PAGE,
  SPEECH_EDIT_PAGE,
  toSpeechItem,
  type SpeechItem,
} from '../../../utils/speeches';
import type { SpeechFields } from '../edit/form';

interface LocalItem {
  clientDraftId: string;
  title: string;
  editedText: string;
}

/** Drafts that have only ever been on this phone (never reached the server). */
function localDrafts(): LocalItem[] {
  return listDrafts<SpeechFields>('speech')
    .filter((d) => d.serverId === null)
    .map((d) => ({
      clientDraftId: d.clientDraftId,
      title: d.fields.title.trim() || '（未填写标题）',
      editedText: `本机保存于 ${formatDate(new Date(d.editedAt).toISOString())}`,
    }));
}

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as SpeechItem[],
    localDrafts: [] as LocalItem[],
    /** Not yet bound as a member: nothing to list, the way to bind instead. */
    unbound: false,
  },
  methods: {
    async fetchPage(page: number, pageSize: number): Promise<ListPage<SpeechItem>> {
      if (page === 1) this.setData({ localDrafts: localDrafts() });
      try {
        const result = await api.proposals.listMySpeeches({ page, pageSize });
        return {
          items: result.items.map(toSpeechItem),
          total: result.total,
          extra: { unbound: false },
        };
      } catch (err) {
        if (page === 1 && isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          return { items: [], total: 0, extra: { unbound: true } };
        }
        throw err;
      }
    },

    watch(): ChangeTopic[] {
      return ['speeches'];
    },

    onShow() {
      if (this.data.status === 'ready') this.setData({ localDrafts: localDrafts() });
      const { _changes: seen } = this.data;
      if (seen !== -1 && seen !== this.changesNow()) return this.reload({ quiet: true });
      return undefined;
    },

    onOpen(e: UiEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      wx.navigateTo({
        url: pageUrl(status === 'draft' ? SPEECH_EDIT_PAGE : SPEECH_DETAIL_PAGE, id),
      });
    },

    onOpenLocal(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: `${SPEECH_EDIT_PAGE}?draft=${encodeURIComponent(id)}` });
    },

    onWrite() {
      wx.navigateTo({ url: SPEECH_EDIT_PAGE });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
