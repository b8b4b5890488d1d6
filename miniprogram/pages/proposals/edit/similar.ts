/**
 * The editor's similar-proposal search: looked up a little after typing stops, an older
 * answer arriving late dropped, a public one opened on tap.
 */
import type { UiEvent } from '../../../kit/events';
import { api } from '../../../services/api';
import {
  pageUrl,
  PROPOSAL_DETAIL_PAGE,
  toSimilarItem,
  type SimilarItem,
} from '../../../utils/proposals';
import { PROPOSAL_LIMITS } from '../../../generated/contract';
import { similarQuery, type ProposalFields } from './form';

/** Quiet typing before similar proposals are looked up. */
export const SIMILAR_DELAY_MS = 800;
export const SIMILAR_LIMIT = 5;
/** At least this much text before looking for similar proposals. */
const SIMILAR_MIN_CHARS = 4;

const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

export const similarSearch = Behavior({
  data: {
    similarStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    similar: [] as SimilarItem[],
    _similarSeq: 0,
  },
  lifetimes: {
    detached() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },
  },
  methods: {
    scheduleSimilar(delayMs: number = SIMILAR_DELAY_MS) {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.set(
        this,
        setTimeout(() => {
          timers.delete(this);
          void this.findSimilar();
        }, delayMs),
      );
    },

    async findSimilar() {
      const data = this.data as unknown as { form: ProposalFields; serverId: string };
      const { title, text } = similarQuery(data.form);
      const seq = this.data._similarSeq + 1;
      if (title.length + text.length < SIMILAR_MIN_CHARS) {
        this.setData({ _similarSeq: seq, similarStatus: 'idle', similar: [] });
        return;
      }
      this.setData({ _similarSeq: seq, similarStatus: 'loading' });
      const input: Parameters<typeof api.proposals.findSimilar>[0] = {
        title: title.slice(0, PROPOSAL_LIMITS.title),
        text: text.slice(0, PROPOSAL_LIMITS.body * 2),
        limit: SIMILAR_LIMIT,
      };
      if (data.serverId) input.excludeId = data.serverId;
      try {
        const result = await api.proposals.findSimilar(input);
        if (seq !== this.data._similarSeq) return;
        this.setData({
          similarStatus: 'ready',
          similar: result.items.slice(0, SIMILAR_LIMIT).map(toSimilarItem),
        });
      } catch {
        if (seq !== this.data._similarSeq) return;
        this.setData({ similarStatus: 'error' });
      }
    },

    onRetrySimilar() {
      return this.findSimilar();
    },

    onOpenSimilar(e: UiEvent<{ id?: string; public?: boolean }>) {
      const { id, public: isPublic } = e.currentTarget.dataset;
      if (id && isPublic) wx.navigateTo({ url: pageUrl(PROPOSAL_DETAIL_PAGE, id) });
    },
  },
});
