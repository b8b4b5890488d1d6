import type { ActionContext } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore, TxOps } from '../../store/port';
import { C, type ConsultationDoc, type MatterDoc, type StudioDoc } from './model';

type Reader = Pick<DocumentStore, 'get'> | TxOps;

export function isStaff(ctx: Pick<ActionContext, 'caller'>): boolean {
  return ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');
}

/**
 * Who keeps a studio's records (its matters and consultation logs): its host, its members and
 * staff. Everyone else reads the public page and their own matters only.
 */
export function isWorker(ctx: Pick<ActionContext, 'caller'>, s: StudioDoc): boolean {
  if (isStaff(ctx)) return true;
  const me = ctx.caller.member;
  return !!me && (s.hostId === me._id || s.memberIds.includes(me._id));
}

export function assertWorker(ctx: Pick<ActionContext, 'caller'>, s: StudioDoc): void {
  if (!isWorker(ctx, s)) throw fail('STUDIO.NOT_STUDIO_WORKER');
}

export async function mustStudio(store: Reader, id: string): Promise<StudioDoc> {
  const s = await store.get<StudioDoc>(C.studios, id);
  if (!s) throw fail('STUDIO.NOT_FOUND');
  return s;
}

/** `mustStudio` for a list of records: each studio read once, however many of them point at it. */
export function studiosOnce(store: Reader): (id: string) => Promise<StudioDoc> {
  const read = new Map<string, Promise<StudioDoc>>();
  return (id) => {
    if (!read.has(id)) read.set(id, mustStudio(store, id));
    return read.get(id)!;
  };
}

export async function mustMatter(store: Reader, id: string): Promise<MatterDoc> {
  const m = await store.get<MatterDoc>(C.matters, id);
  if (!m) throw fail('STUDIO.MATTER_NOT_FOUND');
  return m;
}

export async function mustConsultation(store: Reader, id: string): Promise<ConsultationDoc> {
  const c = await store.get<ConsultationDoc>(C.consultations, id);
  if (!c) throw fail('STUDIO.CONSULTATION_NOT_FOUND');
  return c;
}

/** Active roster entries for `ids`, in order; any other id is refused with `code`. */
export async function activeMembers(
  store: Reader,
  ids: readonly string[],
  code: 'STUDIO.HOST_INVALID' | 'STUDIO.MEMBER_INVALID',
): Promise<MemberDoc[]> {
  const out: MemberDoc[] = [];
  for (const id of new Set(ids)) {
    const m = await store.get<MemberDoc>('members', id);
    if (!m || !m.active) throw fail(code);
    out.push(m);
  }
  return out;
}

export const personOf = (m: MemberDoc) => ({ id: m._id, name: m.name, sector: m.sector });
