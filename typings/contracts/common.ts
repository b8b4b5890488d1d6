import * as z from 'zod';

/** What people type into shared inputs: a file's name, a search. */
export const INPUT_LIMITS = { fileName: 80, keyword: 50 } as const;

/**
 * A typed text in the form's words: `请填写{label}` when blank, `{label}至少 n 个字`,
 * `{label}不能超过 n 个字`. `min` 0: optional text (blank allowed).
 */
export function text(label: string, max: number, min = 0) {
  const blank = `请填写${label}`;
  let s = z.string({ error: min > 0 ? blank : `${label}须为文字` }).trim();
  if (min === 1) s = s.min(1, blank);
  else if (min > 1)
    s = s.min(min, { error: (iss) => (iss.input === '' ? blank : `${label}至少 ${min} 个字`) });
  return s.max(max, `${label}不能超过 ${max} 个字`);
}

/** Ids and other values no one types: a short message is enough. */
const WRONG = '参数有误';

export const id = z
  .string({ error: WRONG })
  .trim()
  .min(1, WRONG)
  .max(64, WRONG)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/**
 * A stored file: `cloud://…` (CloudBase storage's fileID) or `local://<id>` (the local runtime's
 * `POST /files`). Anything else (a phone's temporary path, a web address) is refused.
 */
export const fileRef = z.strictObject({
  fileId: z
    .string({ error: '文件须先上传，再添加' })
    .trim()
    .max(256, '文件须先上传，再添加')
    .regex(/^(?:cloud:\/\/\S+|local:\/\/[A-Za-z0-9_-]{1,64})$/, '文件须先上传，再添加'),
  name: text('文件名称', INPUT_LIMITS.fileName, 1),
});

export const paging = {
  page: z.number({ error: WRONG }).int(WRONG).min(1, WRONG).max(100000, WRONG).default(1),
  pageSize: z.number({ error: WRONG }).int(WRONG).min(1, WRONG).max(100, WRONG).default(20),
};

export const keyword = text('搜索内容', INPUT_LIMITS.keyword).optional();

export const empty = z.strictObject({});

/**
 * A chart of the office's statistics, drawn on the server (kernel/charts.ts, Apache ECharts) as
 * SVG and answered as a data URI that `<image src>` shows.
 */
export interface ChartImage {
  /** Stable within its answer (`byStage`). */
  id: string;
  /** What it shows, in words (caption and screen-reader label). */
  title: string;
  /** The size it was drawn at (px); a page scales it to its width. */
  width: number;
  height: number;
  /** `data:image/svg+xml;base64,…` */
  src: string;
}

/** Bulk work under way (a job): what staff see as a progress bar. */
export interface JobView {
  id: string;
  /** What it is (`会议通知`). */
  label: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  /** As far as known; 0 before the first step counted it. */
  total: number;
  /** Why the last step failed (it is tried again), or why the job stopped. */
  error: string | null;
}
