import type { JobView } from '../../../../../typings/contracts';
import { pollerOf, stopPolling } from '../../../../kit/job-poll';
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
    /** The recompute job (25 accounts a batch) while it runs, and as it ended. */
    job: null as JobView | null,
    /** Done: whose totals changed (the preview's count). */
    adjusted: 0,
  };
}

/**
 * Recomputing the year's points under the version in force (重算积分): a preview of whose
 * totals change, then the run, a job on the backend: its progress, asked on every second (the
 * timer finishes it if the page is left); after a failure 继续重算 sets it going again. A new `generation` (the
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
  lifetimes: {
    detached() {
      stopPolling(this);
    },
  },
  observers: {
    generation() {
      stopPolling(this);
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
      if (applyStatus !== 'error') {
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
      this.setData({ applyStatus: 'running', applyError: '' });
      try {
        const job = await api.ledger.applyRecompute({ year });
        if (generation === this.data.generation) this.showJob(job);
      } catch (err) {
        if (generation !== this.data.generation) return;
        this.setData({ applyStatus: 'error', applyError: messageOf(err) });
      }
    },

    /** Running: its progress, asking on; failed: why, with 继续重算; done: the summary. */
    showJob(job: JobView | null) {
      if (job?.status === 'running') {
        this.setData({ job });
        this.poller().schedule();
        return;
      }
      this.poller().stop();
      if (job?.status === 'failed') {
        this.setData({ job, applyStatus: 'error', applyError: job.error ?? '重算未能完成' });
        return;
      }
      this.setData({ job, applyStatus: 'done', adjusted: this.data.preview?.changed.length ?? 0 });
      this.triggerEvent('done');
      showSuccess('重算完成');
    },

    poller() {
      return pollerOf(
        this,
        () => api.ledger.applyRecompute({ year: this.data.year }),
        (job) => job,
        (job) => {
          if (this.data.applyStatus === 'running') this.showJob(job);
        },
      );
    },
  },
});
