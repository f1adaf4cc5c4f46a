export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupReport } = await import("@/lib/server/startup");
  for (const line of startupReport()) console.log(line);
  // Load the keyless default model in the background, so the first Run of a newcomer streams at once.
  if (process.env.LOCAL_PREWARM !== "0") {
    const { prewarmDefaultLocalModel } = await import("@/lib/providers/local/prewarm");
    void prewarmDefaultLocalModel();
  }
}
