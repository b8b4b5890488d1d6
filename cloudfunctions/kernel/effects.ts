import type { Services } from './action';

/**
 * Work that a command's transaction queued for another module (ARCHITECTURE principle 10, the
 * one rail): the record itself (a duty event, say) is written in the command's own transaction,
 * keyed by its idempotency key, and a consumer applies it exactly once after the commit. The
 * pipeline applies a request's effects right after the command, so the member sees the result
 * at once; the timer applies whatever a crash or a timeout left pending.
 */
export interface Effect {
  kind: string;
  /** The record's document id in the consumer's collection. */
  id: string;
}

type Consumer = (services: Services, ids: string[]) => Promise<void>;

const consumers = new Map<string, Consumer>();

/**
 * Registers the consumer of one kind of effect. The module that writes the records registers
 * it, so a bundle that can queue an effect can always apply it.
 */
export function effectConsumer(kind: string, consumer: Consumer): void {
  consumers.set(kind, consumer);
}

/** The effects one request queued, in order, each once. */
export class RequestEffects {
  private readonly queued = new Map<string, Effect>();
  private readonly applied = new Set<string>();

  add(kind: string, id: string): void {
    const key = `${kind}:${id}`;
    if (!this.queued.has(key)) this.queued.set(key, { kind, id });
  }

  addAll(effects: readonly Effect[] | undefined): void {
    for (const e of effects ?? []) this.add(e.kind, e.id);
  }

  list(): Effect[] {
    return [...this.queued.values()];
  }

  /** How many are queued now; `since(mark)` gives those queued after it. */
  mark(): number {
    return this.queued.size;
  }

  since(mark: number): Effect[] {
    return this.list().slice(mark);
  }

  /**
   * Applies what is queued and not yet applied. A failure leaves the records pending (the
   * consumer's timer run finishes them) and reaches the caller, who decides whether it matters.
   */
  async apply(services: Services): Promise<void> {
    const byKind = new Map<string, string[]>();
    for (const [key, e] of this.queued) {
      if (this.applied.has(key)) continue;
      byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e.id]);
    }
    for (const [kind, ids] of byKind) {
      const consumer = consumers.get(kind);
      if (!consumer) throw new Error(`no consumer for effect kind ${kind}`);
      await consumer(services, ids);
      for (const id of ids) this.applied.add(`${kind}:${id}`);
    }
  }
}
