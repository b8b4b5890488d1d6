import * as z from 'zod';

export const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/**
 * A stored file: `cloud://…` (CloudBase storage's fileID) or `local://<id>` (the local runtime's
 * `POST /files`). Anything else (a phone's temporary path, a web address) is refused.
 */
export const fileRef = z.strictObject({
  fileId: z
    .string()
    .trim()
    .max(256)
    .regex(/^(?:cloud:\/\/\S+|local:\/\/[A-Za-z0-9_-]{1,64})$/, '文件须先上传，再添加'),
  name: z.string().trim().min(1).max(80),
});

export const paging = {
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

export const keyword = z.string().trim().max(50).optional();

export const empty = z.strictObject({});
