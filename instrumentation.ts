export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupReport } = await import("@/lib/server/startup");
  for (const line of startupReport()) console.log(line);
}
