export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupReport } = await import("@/lib/server/startup");
  for (const line of startupReport()) console.log(line);
  // Before the first request, so a new run's "running" row is never taken for a dead one; bounded, so a store that
  // hangs does not hold the start-up.
  await Promise.race([markInterrupted(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  // Load the keyless default model in the background, so the first Run of a newcomer streams at once.
  if (process.env.LOCAL_PREWARM !== "0") {
    const { prewarmDefaultLocalModel } = await import("@/lib/providers/local/prewarm");
    void prewarmDefaultLocalModel();
  }
}

/**
 * Runs this instance left "running" when its previous process died become "interrupted" (lib/completion/log-run.ts).
 * Through a store of its own, closed after: instrumentation is bundled apart from the routes, so the process-wide
 * store must not be created from here (its error classes would not be the routes' for `instanceof`).
 */
async function markInterrupted() {
  const { createStore } = await import("@/lib/store");
  const { markInterruptedRuns } = await import("@/lib/completion/log-run");
  let store: ReturnType<typeof createStore> | undefined;
  try {
    store = createStore();
    await store.ready();
    const marked = await markInterruptedRuns(store);
    if (marked > 0) console.log(`[store] ${marked} run(s) left running by this instance's last process: interrupted`);
  } catch (error) {
    console.error(`[store] marking interrupted runs failed: ${(error as Error).message}`);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
