import type { JobView } from '../../../typings/contracts';

/** A job's progress: what it is and where it stands, the count, a bar width (0–100). */
function shown(job: JobView | null) {
  if (!job) return { percent: 0, text: '', count: '' };
  const total = Math.max(job.total, job.done);
  const percent = total > 0 ? Math.round((job.done / total) * 100) : 0;
  const count = total > 0 ? `${job.done} / ${total}` : `${job.done}`;
  const state = job.status === 'done' ? '已完成' : job.status === 'failed' ? '未能完成' : '进行中';
  return {
    percent: job.status === 'done' ? 100 : percent,
    text: `${job.label}${state}：`,
    count,
  };
}

/**
 * Bulk work under way (a job: notices to 600 invitees, a roster import...): what it is, how far
 * it got, as a bar; a failed one shows why and offers 继续 (`retry`). The page asks the backend
 * to move the job on and passes each answer in `job`. It draws no card: the page puts it in one.
 */
Component({
  properties: {
    job: { type: Object, value: null as JobView | null },
  },
  data: { percent: 0, text: '', count: '' },
  observers: {
    job(job: JobView | null) {
      this.setData(shown(job));
    },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
