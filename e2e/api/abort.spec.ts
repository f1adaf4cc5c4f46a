import http from "node:http";
import { expect, test } from "@playwright/test";
import { anthropicBody, openaiBody, STREAM_PATH, upstreamEvents, upstreamRequests } from "./support";

/** Starts a slow stream, reads its first event, then closes the connection the way a closed tab does. */
function openAndDrop(baseURL: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseURL}${STREAM_PATH}`,
      { method: "POST", headers: { "content-type": "application/json" } },
      (response) => {
        let seen = "";
        response.on("data", (piece: Buffer) => {
          seen += piece.toString();
          if (seen.includes('"chunk"')) {
            request.destroy();
            resolve();
          }
        });
        response.on("error", () => undefined);
      },
    );
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    request.end(JSON.stringify(body));
  });
}

for (const [provider, makeBody] of [
  ["openai", openaiBody],
  ["anthropic", anthropicBody],
] as const) {
  test(`closing the client connection aborts the ${provider} upstream request at once`, async ({ baseURL }) => {
    const model = `test-slow-abort-${provider}-${Date.now()}`;
    await openAndDrop(baseURL!, makeBody(model));
    const recorded = (await upstreamRequests()).find((entry) => entry.body?.model === model);
    expect(recorded).toBeDefined();
    await expect
      .poll(async () => (await upstreamEvents()).find((event) => event.requestId === recorded!.id)?.type, {
        timeout: 2_000,
      })
      .toBe("closed-early");
  });
}
