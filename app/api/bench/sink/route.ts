export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The trace-ingest benchmark's baseline: a bare route that reads the JSON body and answers, with no auth,
 * validation or store write. Off unless BENCH_ROUTES=1, so production never exposes it.
 */
export async function POST(request: Request) {
  if (process.env.BENCH_ROUTES !== "1") return new Response("Not found", { status: 404 });
  await request.json();
  return Response.json({ ok: true });
}
