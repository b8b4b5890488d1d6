import type * as z from 'zod';

/**
 * How a rejected input is reported, shared by the server's pipeline (REQUEST.INVALID) and the
 * mini-program's bundled validators, so a form shows exactly what the server would answer.
 * Pure: no server or SDK imports.
 */

/** One problem with a payload: `path` is dotted (`settings.proposals.titleMin`), '' for the root. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Zod's issues (already localized by `z.config`) as dotted paths and messages, in order. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The one-line message of REQUEST.INVALID: the first issue, prefixed by its path. */
export function summarizeIssues(issues: readonly InputIssue[]): string | undefined {
  const first = issues[0];
  return first
    ? `提交的内容有误：${first.path ? first.path + ' ' : ''}${first.message}`
    : undefined;
}
