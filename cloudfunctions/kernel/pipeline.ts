import * as z from 'zod';
import { zhCN } from 'zod/locales';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import { describeIssues, summarizeIssues } from '../../typings/contracts/validation';
import { isStoreError } from '../store/port';
import type { Access, ActionContext, Handler, Services } from './action';
import { RequestEffects } from './effects';
import { AppError, fail } from './errors';
import { loadCaller, type Caller } from './identity';
import { describeError } from './logger';
import { answerKey, readAnswer, replayOrRun } from './once';

z.config(zhCN());

/** Requests larger than this are refused before parsing their payload. */
export const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;
/** No contract nests deeper than a few levels; a deeper payload is refused before anything walks it. */
export const MAX_PAYLOAD_DEPTH = 32;

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The trusted part of a call: who the platform says is calling. Never taken from the payload. */
export interface Identity {
  openid: string | null | undefined;
}

export type Dispatch = (event: unknown, identity: Identity) => Promise<ResponseEnvelope>;

/**
 * One deployable function: its name and the handlers it serves, keyed by the action's short
 * name (`getMyProfile`); callers send the full name (`members.getMyProfile`) or, to the
 * function that serves it, the short one.
 *
 * Every call takes the same path: envelope → identity → member and roles → input validation →
 * access policy → command → result envelope. Expected failures carry a stable code and a
 * Chinese message; anything else is logged with the request id and answered generically.
 */
export function createDispatcher(
  functionName: string,
  handlers: Record<string, Handler>,
  services: Services,
): Dispatch {
  return async (event, identity) => {
    const started = Date.now();
    const envelope = readEnvelope(event);
    const requestId = envelope.clientRequestId ?? services.ids.next('req');
    const log = services.log.child({ requestId, fn: functionName, action: envelope.action });
    let memberId: string | undefined;
    try {
      if (envelope.error) throw envelope.error;
      const handler = resolve(functionName, handlers, envelope.action);
      if (!identity.openid) throw fail('AUTH.NO_IDENTITY');
      const action = `${functionName}.${shortName(functionName, envelope.action)}`;
      // A command's stored answer (a retry) is read beside the caller: one round trip, not two.
      const answer = handler.writes
        ? answerKey(action, identity.openid, envelope.clientRequestId)
        : null;
      const [caller, stored] = await Promise.all([
        loadCaller(services.store, identity.openid),
        answer ? readAnswer(services.store, answer) : Promise.resolve(null),
      ]);
      memberId = caller.member?._id;
      const input = validate(handler, envelope.payload);
      authorize(handler.access, caller);
      const ctx: ActionContext = {
        ...services,
        log,
        caller,
        action,
        requestId,
        clientRequestId: envelope.clientRequestId,
        effects: new RequestEffects(),
        steps: {},
      };
      const data = handler.writes
        ? await replayOrRun(ctx, () => handler.run(ctx, input), stored)
        : await handler.run(ctx, input);
      await applyEffects(ctx);
      log.info('ok', { memberId, ms: Date.now() - started });
      return { ok: true, data, requestId };
    } catch (e) {
      const error = toAppError(e);
      if (error.code === 'SYSTEM.INTERNAL') log.error('failed', { memberId, ...describeError(e) });
      else log.info('refused', { memberId, code: error.code, ms: Date.now() - started });
      return { ok: false, error: error.toApiError(requestId) };
    }
  };
}

interface ReadEnvelope {
  action: string;
  payload: unknown;
  clientRequestId: string | null;
  error?: AppError;
}

function readEnvelope(event: unknown): ReadEnvelope {
  const bad = (message: string): ReadEnvelope => ({
    action: '',
    payload: undefined,
    clientRequestId: null,
    error: fail('REQUEST.MALFORMED', message),
  });
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return bad('请求格式不正确');
  const { action, payload, requestId } = event as Record<string, unknown>;
  if (typeof action !== 'string' || action.length === 0 || action.length > 100) {
    return bad('请求缺少操作名称（action）');
  }
  if (requestId !== undefined && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))) {
    return bad('请求编号（requestId）格式不正确');
  }
  const clientRequestId = (requestId as string | undefined) ?? null;
  if (
    payload !== undefined &&
    (typeof payload !== 'object' || payload === null || Array.isArray(payload))
  ) {
    return {
      action,
      payload,
      clientRequestId,
      error: fail('REQUEST.MALFORMED', '请求内容（payload）应为对象'),
    };
  }
  if (payload !== undefined) {
    const shape = measure(payload);
    if (shape === 'too-deep')
      return {
        action,
        payload,
        clientRequestId,
        error: fail('REQUEST.MALFORMED', '请求内容（payload）嵌套过深'),
      };
    if (shape === 'too-large')
      return { action, payload, clientRequestId, error: fail('REQUEST.TOO_LARGE') };
  }
  return { action, payload: payload ?? {}, clientRequestId };
}

/**
 * Depth and approximate serialized size of a payload, walked without recursion and stopping at
 * the first limit, so a hostile payload (10,000 levels deep, or huge) costs little and never
 * overflows the stack.
 */
function measure(payload: unknown): 'ok' | 'too-deep' | 'too-large' {
  const stack: Array<[value: unknown, depth: number]> = [[payload, 1]];
  let chars = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') chars += value.length + 2;
    else if (typeof value !== 'object' || value === null) chars += 8;
    else {
      if (depth > MAX_PAYLOAD_DEPTH) return 'too-deep';
      chars += 2;
      for (const [k, v] of Object.entries(value)) {
        chars += k.length + 4;
        stack.push([v, depth + 1]);
      }
    }
    if (chars > MAX_PAYLOAD_CHARS) return 'too-large';
  }
  return 'ok';
}

/**
 * The command committed: apply what it queued for other modules now, so the caller sees it at
 * once. A failure here loses nothing (the records are pending and the timer applies them), so
 * the caller still gets the command's answer.
 */
async function applyEffects(ctx: ActionContext): Promise<void> {
  try {
    await ctx.effects.apply(ctx);
  } catch (e) {
    ctx.log.error('effects deferred to the timer', describeError(e));
  }
}

function shortName(functionName: string, action: string): string {
  return action.startsWith(`${functionName}.`) ? action.slice(functionName.length + 1) : action;
}

function resolve(functionName: string, handlers: Record<string, Handler>, action: string): Handler {
  const name = shortName(functionName, action);
  const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
  if (!handler) {
    throw fail('REQUEST.UNKNOWN_ACTION', `不支持的操作：${action.slice(0, 100)}`);
  }
  return handler;
}

function validate(handler: Handler, payload: unknown): unknown {
  const parsed = handler.contract.input.safeParse(payload);
  if (parsed.success) return parsed.data;
  // The mini-program's bundled validators describe issues with the same function.
  const issues = describeIssues(parsed.error.issues);
  throw fail('REQUEST.INVALID', summarizeIssues(issues), { issues });
}

function authorize(access: Access, caller: Caller): void {
  if (access === 'anyone') return;
  if (!caller.member) throw fail('AUTH.NOT_BOUND');
  if (!caller.member.active) throw fail('AUTH.INACTIVE');
  if (access === 'account') return;
  if (access === 'member') {
    if (isUnitAccount(caller))
      throw fail('AUTH.FORBIDDEN', '承办单位账号只能办理交办给本单位的提案');
    return;
  }
  if (!access.some((role) => caller.roles.has(role))) throw fail('AUTH.FORBIDDEN');
}

/** A handling unit's contact: holds `unit` and no committee role. */
function isUnitAccount(caller: Caller): boolean {
  return caller.roles.has('unit') && ![...caller.roles].some((r) => r !== 'unit');
}

function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isStoreError(e, 'CONFLICT')) return fail('STORE.CONFLICT');
  return fail('SYSTEM.INTERNAL');
}
