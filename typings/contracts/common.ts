import * as z from 'zod';

export const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

export const paging = {
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

export const keyword = z.string().trim().max(50).optional();

export const empty = z.strictObject({});
