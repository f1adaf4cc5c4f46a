import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, freePort, startAppInstance } from "./app-instance";
import { openaiBody, STREAM_PATH } from "./support";

// Issue 9, point 19: a run's log row is written when it starts, so a server killed mid-stream still leaves one; the
// same instance, started again, marks it interrupted. On both dialects (own SQLite, or the e2e PostgreSQL).
test("a run in flight when the server is SIGKILLed leaves its row, marked interrupted by the restart", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const postgres = test.info().project.name === "api-postgres";
  const env = {
    ...(postgres
      ? { DATABASE_URL: process.env.E2E_PG_URL ?? "" }
      : { DATA_DIR: mkdtempSync(path.join(process.env.E2E_DATA_DIR ?? "/tmp", "inflight-")) }),
    LOCAL_PREWARM: "0",
  };
  const port = await freePort();
  let first: AppInstance | undefined = await startAppInstance(env, port);
  let second: AppInstance | undefined;
  try {
    const traceId = randomUUID();
    // 1000 tokens, 100 ms apart: the stream is still going when the server dies.
    const payload = JSON.stringify(openaiBody("gpt-4o-mini-long-1000-slow-100", { trace_id: traceId }));
    const client = http.request(`${first.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    });
    client.on("error", () => undefined);
    const firstBytes = new Promise<void>((resolve) =>
      client.on("response", (response) => {
        response.once("data", () => resolve());
        response.on("error", () => undefined);
      }),
    );
    client.end(payload);
    await firstBytes;

    const log = async (base: string) => {
      const response = await request.get(`${base}/api/logs/${traceId}`);
      return response.ok()
        ? ((await response.json()) as { trace_id: string; status: string; error: string | null })
        : null;
    };
    await expect.poll(async () => (await log(first!.url))?.status).toBe("running");

    await first.kill("SIGKILL");
    first = undefined;
    second = await startAppInstance(env, port);
    const row = await log(second.url);
    expect(row?.trace_id).toBe(traceId);
    expect(row?.status).toBe("interrupted");
    expect(row?.error).toContain("stopped before this run finished");
    client.destroy();
  } finally {
    await first?.stop();
    await second?.stop();
  }
});
