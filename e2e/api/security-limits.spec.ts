import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, parseStream, postRaw, STREAM_PATH } from "./support";

// Issue 9, point 11: a run's output is bounded (MAX_OUTPUT_BYTES), and a client that does not read holds the
// provider back instead of making the server buffer the whole output.
const TOTAL = 104_857_600; // what the hostile provider offers: 100 MiB
const CAP = Number(process.env.E2E_MAX_OUTPUT_BYTES ?? 2_097_152); // playwright.config.ts appEnv

let hostile: Awaited<ReturnType<typeof import("../hostile/server.mjs").startHostile>>;
test.beforeAll(async () => {
  // Imported inside the spec: the module has a top-level await (its CLI), which require() cannot load.
  const { startHostile } = await import("../hostile/server.mjs");
  hostile = await startHostile();
});
test.afterAll(async () => hostile?.close());

function hugeBody(traceId: string, total = TOTAL) {
  return {
    provider_api_key: "sk-hostile-test",
    cache: false,
    trace_id: traceId,
    llm_configuration: {
      provider: "openai",
      model: `huge-${traceId}`,
      base_url: `${hostile.url}/huge-${total}/v1`,
      messages: [{ role: "user", content: "Say a lot" }],
    },
  };
}

/** What the hostile provider recorded of one request (server.mjs: bytesSent is live, closedEarly once it hung up). */
interface HugeRecord {
  body?: { model?: string };
  bytesSent?: number;
  closedEarly?: boolean;
}
const recordFor = (traceId: string): HugeRecord | undefined =>
  (hostile.requests as HugeRecord[]).find((entry) => entry.body?.model === `huge-${traceId}`);

test.describe("the output of a run is capped", () => {
  test("a stream stops at MAX_OUTPUT_BYTES: the provider call is cut, the text so far is kept and logged", async ({
    baseURL,
    request,
  }) => {
    test.setTimeout(60_000);
    const traceId = randomUUID();
    const stream = parseStream(await postRaw(baseURL!, STREAM_PATH, hugeBody(traceId)));
    expect(stream.final.status).toBe("error");
    expect(stream.final.error_type).toBe("output_limit");
    expect(JSON.stringify(stream.final.error)).toContain("MAX_OUTPUT_BYTES");
    expect(stream.final.finish_reason).toBe("max_output_bytes");
    const size = Buffer.byteLength(stream.text);
    expect(size).toBeLessThanOrEqual(CAP);
    expect(size).toBeGreaterThan(CAP - 32 * 1024);
    expect(Buffer.byteLength(String(stream.final.content))).toBe(size);
    await expect.poll(() => recordFor(traceId)?.closedEarly).toBe(true);
    expect(recordFor(traceId)?.bytesSent ?? 0).toBeLessThan(TOTAL / 4);

    await expect.poll(async () => (await request.get(`/api/logs/${traceId}`)).status()).toBe(200);
    await expect
      .poll(async () => ((await (await request.get(`/api/logs/${traceId}`)).json()) as { status: string }).status)
      .toBe("error");
    const log = (await (await request.get(`/api/logs/${traceId}`)).json()) as { output: string | null };
    expect(Buffer.byteLength(log.output ?? "")).toBeLessThanOrEqual(CAP);
  });

  test("the JSON route answers the capped content with the limit named", async ({ request }) => {
    test.setTimeout(60_000);
    const traceId = randomUUID();
    const response = await request.post(COMPLETION_PATH, { data: hugeBody(traceId) });
    expect(response.status()).toBe(502);
    const body = (await response.json()) as { content: string; error_type: string; error: string };
    expect(body.error_type).toBe("output_limit");
    expect(body.error).toContain(`${CAP} bytes`);
    expect(Buffer.byteLength(body.content)).toBeLessThanOrEqual(CAP);
  });
});

test.describe("backpressure: a client that never reads", () => {
  let app: AppInstance;
  test.beforeAll(async () => {
    // The cap out of the way: what bounds the buffer here must be backpressure alone.
    app = await startAppInstance({
      BASE_URL_ALLOW: "loopback",
      MAX_OUTPUT_BYTES: String(1024 * 1024 * 1024),
      LOCAL_PREWARM: "0",
      DATA_DIR: `${process.env.E2E_DATA_DIR ?? "/tmp"}/limits-${randomUUID()}`,
    });
  });
  test.afterAll(async () => app?.stop());

  test("holds the provider back: far less than the output leaves it, and hanging up cancels it", async () => {
    test.setTimeout(90_000);
    const traceId = randomUUID();
    const payload = JSON.stringify(hugeBody(traceId));
    const client = http.request(`${app.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    });
    const responded = new Promise<http.IncomingMessage>((resolve) => client.on("response", resolve));
    client.on("error", () => undefined);
    client.end(payload);
    const response = await responded;
    response.pause(); // never read
    expect(response.statusCode).toBe(200);

    // Wait until the provider cannot send any more (its count stops moving), without timing anything.
    let last = -1;
    let still = 0;
    await expect
      .poll(
        () => {
          const sent = recordFor(traceId)?.bytesSent ?? 0;
          still = sent > 0 && sent === last ? still + 1 : 0;
          last = sent;
          return still >= 4;
        },
        { timeout: 60_000, intervals: [500] },
      )
      .toBe(true);
    // Socket buffers on both sides of the app hold a few MiB at most; before, the app pulled all 100 MiB.
    expect(last).toBeLessThan(TOTAL * 0.4);

    client.destroy();
    await expect.poll(() => recordFor(traceId)?.closedEarly, { timeout: 20_000 }).toBe(true);
  });
});
