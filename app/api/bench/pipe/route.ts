export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline: a bare route handler that only pipes the upstream body through (no validation,
 * templating, adapter, wire encoding or metrics). Off unless BENCH_ROUTES=1, so production never exposes it.
 */
export async function POST(request: Request) {
  if (process.env.BENCH_ROUTES !== "1") return new Response("Not found", { status: 404 });
  const upstream = await fetch(`${process.env.OPENAI_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body: await request.text(),
    signal: request.signal,
  });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform" },
  });
}
