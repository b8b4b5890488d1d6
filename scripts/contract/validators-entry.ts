/**
 * The entry of miniprogram/generated/validators.js (bundled by scripts/contract/validators.ts):
 * the contracts' input schemas, run in the mini-program exactly as the server's pipeline runs
 * them, with the same locale and the same issue description.
 */
import * as z from 'zod';
import { zhCN } from 'zod/locales';
import { contracts } from '../../typings/contracts';
import type { ActionContract } from '../../typings/contracts/contract';
import { describeIssues, type InputIssue } from '../../typings/contracts/validation';

// jitless: zod would otherwise probe `new Function`, which the mini-program runtime forbids.
z.config({ ...zhCN(), jitless: true });

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** The server's check of `fn.action`'s input: empty when the server would accept it. */
export function checkInput(fn: string, action: string, payload: unknown): InputIssue[] {
  const module = own(contracts as unknown as Record<string, Record<string, ActionContract>>, fn);
  const contract = module && own(module, action);
  if (!contract) throw new Error(`unknown action: ${fn}.${action}`);
  const parsed = contract.input.safeParse(payload);
  return parsed.success ? [] : describeIssues(parsed.error.issues);
}
