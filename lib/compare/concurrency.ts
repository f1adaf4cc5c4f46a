/**
 * At most `limit` tasks at once; the rest wait in order. A waiting task whose signal aborts leaves the queue (and
 * rejects with an AbortError) without ever starting: Stop all must not let queued columns start afterwards.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

export const DEFAULT_CONCURRENCY = 8;

function abortError(): DOMException {
  return new DOMException("The run was stopped before it started.", "AbortError");
}

export function createLimiter(limit = DEFAULT_CONCURRENCY): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    while (active < limit && queue.length > 0) {
      active++;
      (queue.shift() as () => void)();
    }
  };
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal) {
      return new Promise<T>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError());
        const start = () => {
          signal?.removeEventListener("abort", onAbort);
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(resolve, reject).finally(() => {
            active--;
            next();
          });
        };
        const onAbort = () => {
          const at = queue.indexOf(start);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(abortError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(start);
        next();
      });
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
  };
}
