import type { FileStorePort } from '../ports/file-store';
import type { Role } from '../../typings/contracts/members';
import type { ActionContract, OutputOf, ParsedInputOf } from '../../typings/contracts/contract';
import type { DocumentStore } from '../store/port';
import type { ContentCheckPort } from '../ports/content-check';
import type { MiniProgramCodePort } from '../ports/mini-program-code';
import type { PhoneNumberPort } from '../ports/phone-number';
import type { SmsPort } from '../ports/sms';
import type { SubscribeMessagePort, TemplateConfig } from '../ports/subscribe-message';
import type { Clock } from './clock';
import type { RequestEffects } from './effects';
import type { Caller } from './identity';
import type { IdSource } from './ids';
import type { Logger } from './logger';

/** The ports every command may use; the runtime (cloud, local, tests) supplies the adapters. */
export interface Services {
  store: DocumentStore;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  phoneNumbers: PhoneNumberPort;
  messages: SubscribeMessagePort;
  /** Draws the check-in code shown at the door (a mini-program code in the cloud). */
  miniProgramCodes: MiniProgramCodePort;
  /** WeChat content security in the cloud; a word-list checker locally. */
  contentChecks: ContentCheckPort;
  /** Subscription message templates configured for this deployment (may be empty). */
  templates: TemplateConfig[];
  /** Uploaded files, read back by id (cloud storage; the local runtime's folder). */
  files: FileStorePort;
  /** Template SMS (Tencent Cloud SMS where configured; recorded locally; else none). */
  sms: SmsPort;
}

export interface ActionContext extends Services {
  caller: Caller;
  /** `module.verbNoun` */
  action: string;
  /** Always set: the client's when it sent one, else generated. */
  requestId: string;
  /** The client's idempotency key, when it sent one (see `once`). */
  clientRequestId: string | null;
  /** What this request's transactions queued for other modules, applied after the command. */
  effects: RequestEffects;
  /** How many `once` transactions of each step name this request has begun (see `once`). */
  steps: Record<string, number>;
  /** The command's last transaction stored its answer (see `onceAnswering`). */
  answered?: boolean;
}

/**
 * Who may call an action:
 * - `anyone`: any WeChat identity, bound or not (binding itself);
 * - `account`: any bound, active entry, a handling unit's contact too (profile, inbox, settings);
 * - `member`: a bound, active entry of the committee (members and office staff: not a handling
 *   unit's contact, who sees only its unit's work);
 * - a list of roles: a bound, active entry holding at least one of them.
 * Finer checks on the data itself ("only the author") live in the command.
 */
export type Access = 'anyone' | 'account' | 'member' | readonly Role[];

export interface Handler<C extends ActionContract = ActionContract> {
  contract: C;
  access: Access;
  /**
   * The action changes something. Its first successful answer is kept under the client's
   * request id, so a retry (after a lost response) gets that answer instead of running again.
   */
  writes: boolean;
  run(ctx: ActionContext, input: ParsedInputOf<C>): Promise<OutputOf<C>>;
}

type Run<C extends ActionContract> = (
  ctx: ActionContext,
  input: ParsedInputOf<C>,
) => Promise<OutputOf<C>>;

/** A query: reads only, so running it again is harmless. */
export function handle<C extends ActionContract>(
  contract: C,
  access: Access,
  run: Run<C>,
): Handler<C> {
  return { contract, access, writes: false, run };
}

/** A command: changes state; a retry with the same request id answers as the first attempt did. */
export function command<C extends ActionContract>(
  contract: C,
  access: Access,
  run: Run<C>,
): Handler<C> {
  return { contract, access, writes: true, run };
}

/** A module's handlers: exactly one per action of its contract, checked by the compiler. */
export type ModuleHandlers<M extends Record<string, ActionContract>> = {
  [K in keyof M]: Handler<M[K]>;
};

export const STAFF: readonly Role[] = ['staff', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];
