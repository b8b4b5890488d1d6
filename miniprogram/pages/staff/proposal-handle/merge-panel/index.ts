/**
 * 并案: the proposal merged into another one (`proposals.merge`). The targets offered first are
 * the most similar proposals still under review or accepted; any accepted one can be found by
 * title. Originals and their proposers are kept: the target's units answer for both.
 */
import type { ProposalSummary } from '../../../../../typings/contracts';
import { PROPOSAL_STATUS_LABELS } from '../../../../generated/contract';
import type { UiEvent } from '../../../../kit/events';
import { checkInput } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { askText, checkAt } from '../../../../utils/prompt';
import { toSimilarItem, type SimilarItem } from '../../../../utils/proposals';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';

type PartStatus = 'idle' | 'loading' | 'ready' | 'error';

/** An accepted proposal found by title, offered as a merge target. */
function toTargetItem(p: ProposalSummary): SimilarItem {
  return {
    id: p.id,
    title: p.title,
    scoreText: '',
    isPublic: true,
    meta: [p.number ?? '', PROPOSAL_STATUS_LABELS[p.status], `${p.leadName} 领衔`]
      .filter(Boolean)
      .join(' · '),
  };
}

Component({
  behaviors: [actionPanel],
  data: {
    similarStatus: 'loading' as PartStatus,
    candidates: [] as SimilarItem[],
    keyword: '',
    searchStatus: 'idle' as PartStatus,
    results: [] as SimilarItem[],
  },
  lifetimes: {
    attached() {
      void this.findSimilar();
    },
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    target(): ProposalTarget {
      return this.data.target as ProposalTarget;
    },

    async findSimilar() {
      const { id, title, text } = this.target();
      this.setData({ similarStatus: 'loading', candidates: [] });
      try {
        const result = await api.proposals.findSimilar({
          title: title.slice(0, 60),
          text: text.slice(0, 5000),
          excludeId: id,
          limit: 5,
        });
        this.setData({
          similarStatus: 'ready',
          candidates: result.items
            .filter((s) => s.status === 'submitted' || s.status === 'accepted')
            .map(toSimilarItem),
        });
      } catch {
        this.setData({ similarStatus: 'error' });
      }
    },

    onKeyword(e: UiEvent<object, { value: string }>) {
      this.setData({ keyword: e.detail.value });
    },

    /** Accepted proposals by title (the public list): a target not among the similar ones. */
    async onSearch(e?: UiEvent<object, { value?: string }>) {
      const keyword = (e?.detail?.value ?? this.data.keyword).trim();
      this.setData({ keyword });
      if (!keyword) return;
      this.setData({ searchStatus: 'loading' });
      try {
        const result = await api.proposals.listPublic({ keyword, pageSize: 20 });
        const own = this.target().id;
        this.setData({
          searchStatus: 'ready',
          results: result.items
            .filter((p) => p.id !== own && p.status === 'accepted')
            .map(toTargetItem),
        });
      } catch {
        this.setData({ searchStatus: 'error' });
      }
    },

    async onMergeInto(e: UiEvent<{ id?: string; title?: string }>) {
      const { id: targetId, title = '' } = e.currentTarget.dataset;
      if (!targetId) return;
      const sure = await wx.showModal({
        title: '并案',
        content: `将本提案并入「${title}」一并办理？原提案和提案人都会保留，并由承办单位一并答复。`,
        confirmText: '并案',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const sourceIds = [this.target().id];
      const reason = await askText({
        title: '并案说明',
        placeholder: '如：内容相近，并案办理',
        check: checkAt('reason', (text) =>
          checkInput('proposals', 'merge', { targetId, sourceIds, reason: text }),
        ),
      });
      if (reason === null) return;
      // The answer is the target: the page loads the proposal merged into it.
      await this.run(
        '正在并案',
        () => api.proposals.merge({ targetId, sourceIds, reason }),
        '已并案',
        true,
      );
    },
  },
});
