/**
 * 编印《社情民意》: on the 已采用 queue, the issues so far (the 期号 given at adoption, with how
 * many reports each holds), a title for the issue if staff want one, and the issue exported as
 * a Word file, opened as the office's other exports are. The title is checked as the server
 * checks it (opinions.exportIssue).
 */
import type { OpinionIssue } from '../../../../../typings/contracts';
import { OPINION_LIMITS } from '../../../../generated/contract';
import type { ValueEvent } from '../../../../kit/events';
import { resourcePage } from '../../../../kit/resource-page';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { exportFile } from '../../../../utils/export-file';

function issueLabel(i: OpinionIssue): string {
  return `${i.issue}（${i.reports} 篇）`;
}

Component({
  behaviors: [resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    limits: OPINION_LIMITS,
    issues: [] as string[],
    labels: [] as string[],
    index: 0,
    title: '',
    error: '',
    exporting: false,
  },
  lifetimes: {
    attached() {
      void this.reload();
    },
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const { items } = await api.opinions.listIssues({});
      // Keep the issue chosen when the list comes again (after adopting more into it).
      const chosen = this.data.issues[this.data.index];
      const index = Math.max(
        0,
        items.findIndex((i) => i.issue === chosen),
      );
      return { issues: items.map((i) => i.issue), labels: items.map(issueLabel), index };
    },

    onPick(e: ValueEvent<string | number>) {
      this.setData({ index: Number(e.detail.value) || 0, error: '' });
    },

    onTitle(e: ValueEvent) {
      this.setData({ title: e.detail.value, error: '' });
    },

    async onExport() {
      const issue = this.data.issues[this.data.index];
      if (!issue || this.data.exporting) return;
      const title = this.data.title.trim();
      const input = { issue, ...(title ? { title } : {}) };
      const error = firstError(checkInput('opinions', 'exportIssue', input));
      if (error) {
        this.setData({ error });
        return;
      }
      this.setData({ exporting: true });
      await exportFile(() => api.opinions.exportIssue(input), {
        what: '《社情民意》',
        shareFailed: '无法发送该文件，请稍后重试',
      });
      this.setData({ exporting: false });
    },
  },
});
