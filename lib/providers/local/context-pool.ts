/**
 * A small pool of contexts per model, so concurrent requests (a compare view runs 4-8 at once) each get their own
 * context sequence, or wait their turn in a FIFO queue, instead of sharing one and interleaving tokens.
 */
import type { LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One context with its single sequence, borrowed from a pool for one generation. */
export interface ContextLease {
  readonly sequence: LlamaContextSequence;
  /**
   * Gives the context back (its history cleared) to the next waiting request. `broken`: the generation failed, so the
   * context is disposed instead and a fresh one is created on demand. Idempotent.
   */
  release(options?: { broken?: boolean }): Promise<void>;
}

interface Slot {
  context: LlamaContext;
  sequence: LlamaContextSequence;
}

interface Waiter {
  deliver(slot: Slot): boolean;
  fail(error: unknown): void;
}

/** Up to `maxContexts` contexts of one model, created on demand and handed out first come, first served. */
export class ContextPool {
  private readonly idle: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  /** Contexts alive or being created. */
  private size = 0;
  private leased = 0;
  private closed = false;
  private onDrained: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly model: LlamaModel,
    private readonly options: { contextSize: number; maxContexts: number; modelName: string },
  ) {}

  /** Requests waiting for a context. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Contexts currently lent out. */
  get active(): number {
    return this.leased;
  }

  /**
   * Resolves with a context as soon as one is free (FIFO). Rejects with `signal.reason` when the signal fires while
   * waiting (the request leaves the queue), or with the creation error when a new context cannot be created.
   */
  acquire(signal?: AbortSignal): Promise<ContextLease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new Error(`Local model "${this.options.modelName}" was unloaded.`));
    return new Promise<ContextLease>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        deliver: (slot) => {
          if (settled) return false;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          this.leased++;
          resolve(this.lease(slot));
          return true;
        },
        fail: (error) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  private lease(slot: Slot): ContextLease {
    let released = false;
    return {
      sequence: slot.sequence,
      release: async ({ broken = false } = {}) => {
        if (released) return;
        released = true;
        let healthy = !broken && !slot.context.disposed && !slot.sequence.disposed;
        if (healthy) {
          try {
            await slot.sequence.clearHistory();
          } catch {
            healthy = false;
          }
        }
        this.leased--;
        if (healthy && !this.closed) {
          this.idle.push(slot);
        } else {
          this.size--;
          void slot.context.dispose().catch(() => undefined);
        }
        this.dispatch();
        this.checkDrained();
      },
    };
  }

  /** Hands idle contexts to waiters in order, creating new contexts while under the limit. */
  private dispatch(): void {
    while (this.waiters.length > 0) {
      const slot = this.idle.shift();
      if (slot) {
        const waiter = this.waiters.shift();
        if (waiter && !waiter.deliver(slot)) this.idle.unshift(slot);
        continue;
      }
      if (this.size >= this.options.maxContexts || this.closed) return;
      const waiter = this.waiters.shift();
      if (!waiter) return;
      this.size++;
      this.createSlot().then(
        (created) => {
          if (this.closed) {
            this.size--;
            void created.context.dispose().catch(() => undefined);
            waiter.fail(new Error(`Local model "${this.options.modelName}" was unloaded.`));
            return;
          }
          if (!waiter.deliver(created)) {
            // The waiter left (aborted) while the context was being created: keep it for the next one.
            this.idle.push(created);
            this.dispatch();
          }
        },
        (error: unknown) => {
          this.size--;
          waiter.fail(error);
          this.dispatch();
        },
      );
    }
  }

  private async createSlot(): Promise<Slot> {
    try {
      const context = await this.model.createContext({
        contextSize: this.options.contextSize,
        sequences: 1,
        failedCreationRemedy: false,
      });
      return { context, sequence: context.getSequence() };
    } catch (error) {
      throw new Error(
        `Local model "${this.options.modelName}": could not create a context of ${this.options.contextSize} tokens (${errorMessage(error)}). Try a smaller LOCAL_CONTEXT_SIZE.`,
        { cause: error },
      );
    }
  }

  /** Stops lending: idle contexts are disposed now, lent ones when given back. Resolves once none is lent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.fail(new Error(`Local model "${this.options.modelName}" was unloaded.`));
    }
    for (const slot of this.idle.splice(0)) {
      this.size--;
      void slot.context.dispose().catch(() => undefined);
    }
    this.closing = new Promise((resolve) => {
      this.onDrained = resolve;
      this.checkDrained();
    });
    return this.closing;
  }

  private checkDrained(): void {
    if (this.closed && this.leased === 0 && this.onDrained) {
      const done = this.onDrained;
      this.onDrained = undefined;
      done();
    }
  }
}
