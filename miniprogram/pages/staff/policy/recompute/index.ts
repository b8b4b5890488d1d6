import { api } from '../../../../services/api';
import { messageOf } from '../../../../services/errors';
import { showSuccess } from '../../../../utils/toast';
import { recomputeView, type RecomputeView } from '../policy-view';

type PreviewStatus = 'idle' | 'loading' | 'ready' | 'error';
type ApplyStatus = 'idle' | 'running' | 'done' | 'error';

function idle() {
  return {
    previewStatus: 'idle' as PreviewStatus,
    previewError: '',
    preview: null as RecomputeView | null,
    applyStatus: 'idle' as ApplyStatus,
    applyError: '',
    processed: 0,
    adjusted: 0,
    _after: '',
  };
}

/**
 * Recomputing the year's points under the version in force (重算积分): a preview of whose
 * totals change, then the run in batches, resumable where it stopped. A new `generation` (the
 * page loaded again) forgets it all; a new `ask` previews at once (after publishing). Emits
 * `done` when every account is on the version in force.
 */
Component({
  options: { pureDataPattern: /^_/ },
  properties: {
    year: { type: Number, value: 0 },
    version: { type: Number, value: 0 },
    /** Just published: the accounts are on the older version until recomputed. */
    due: { type: Boolean, value: false },
    generation: { type: Number, value: 0 },
    ask: { type: Number, value: 0 },
  },
  data: idle(),
  observers: {
    generation() {
      this.setData(idle());
    },
    ask(ask: number) {
      if (ask > 0) void this.onPreview();
    },
  },
  methods: {
    async onPreview() {
      if (this.data.previewStatus === 'loading' || this.data.applyStatus === 'running') return;
      const { year, generation } = this.data;
      this.setData({ previewStatus: 'loading', previewError: '' });
      try {
        const result = await api.ledger.previewRecompute({ year });
        if (generation !== this.data.generation) return;
        this.setData({ ...idle(), previewStatus: 'ready', preview: recomputeView(result) });
      } catch (err) {
        if (generation !== this.data.generation) return;
        this.setData({ previewStatus: 'error', previewError: messageOf(err) });
      }
    },

    async onApply() {
      const { preview, applyStatus, year, generation } = this.data;
      if (!preview || applyStatus === 'running') return;
      const resuming = applyStatus === 'error' && this.data._after !== '';
      if (!resuming) {
        const sure = await wx.showModal({
          title: '执行重算',
          content:
            `将按${preview.toText}重新计算 ${preview.members} 位委员的积分，差额以“调整”记录记入积分明细，` +
            '原有记录保留。确定执行吗？',
          confirmText: '执行重算',
          cancelText: '取消',
        });
        if (!sure.confirm) return;
      }
      let after = resuming ? this.data._after : '';
      let processed = resuming ? this.data.processed : 0;
      let adjusted = resuming ? this.data.adjusted : 0;
      this.setData({ applyStatus: 'running', applyError: '', processed, adjusted });
      try {
        for (;;) {
          const batch = await api.ledger.applyRecompute(after ? { year, after } : { year });
          if (generation !== this.data.generation) return;
          processed += batch.processed;
          adjusted += batch.adjusted;
          this.setData({ processed, adjusted });
          if (batch.next === null) break;
          after = batch.next;
          this.setData({ _after: after });
        }
        this.setData({ applyStatus: 'done', _after: '' });
        this.triggerEvent('done');
        showSuccess('重算完成');
      } catch (err) {
        if (generation !== this.data.generation) return;
        this.setData({ applyStatus: 'error', applyError: messageOf(err) });
      }
    },
  },
});
