import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { MARKER_KEY, openaiBody, parseStream, postRaw, STREAM_PATH, upstreamRequests } from "./support";

// Issue 9, point 10: a cached answer belongs to the caller who asked and to the key that paid for it.
test.describe("the cache is scoped by identity and by key", () => {
  test("Bob with a made-up key goes upstream instead of replaying Alice's answer; Alice hits", async ({ baseURL }) => {
    const model = `gpt-4o-mini-cache-scope-${randomUUID()}`;
    const alice = { "x-user-id": `alice-${randomUUID()}` };
    const bob = { "x-user-id": `bob-${randomUUID()}` };
    const body = { ...openaiBody(model), cache: true };
    const upstreamCalls = async () => (await upstreamRequests()).filter((entry) => entry.body?.model === model);

    const first = parseStream(await postRaw(baseURL!, STREAM_PATH, body, alice));
    expect(first.final.status).toBe("success");
    expect(first.final.cache_hit).toBe(false);
    expect(await upstreamCalls()).toHaveLength(1);

    const stolen = parseStream(
      await postRaw(baseURL!, STREAM_PATH, { ...body, provider_api_key: "not-a-real-key" }, bob),
    );
    expect(stolen.final.cache_hit).toBe(false);
    const calls = await upstreamCalls();
    expect(calls).toHaveLength(2);
    expect(calls.at(-1)?.headers.authorization).toBe("Bearer not-a-real-key");

    const again = parseStream(await postRaw(baseURL!, STREAM_PATH, body, alice));
    expect(again.final.cache_hit).toBe(true);
    expect(again.text).toBe(first.text);
    expect(await upstreamCalls()).toHaveLength(2);
  });

  test("the same caller with another key does not replay the first key's answer", async ({ baseURL }) => {
    const model = `gpt-4o-mini-cache-key-${randomUUID()}`;
    const carol = { "x-user-id": `carol-${randomUUID()}` };
    const body = { ...openaiBody(model), cache: true };
    expect(parseStream(await postRaw(baseURL!, STREAM_PATH, body, carol)).final.cache_hit).toBe(false);
    const other = { ...body, provider_api_key: `${MARKER_KEY}-other` };
    expect(parseStream(await postRaw(baseURL!, STREAM_PATH, other, carol)).final.cache_hit).toBe(false);
    expect(parseStream(await postRaw(baseURL!, STREAM_PATH, other, carol)).final.cache_hit).toBe(true);
    expect((await upstreamRequests()).filter((entry) => entry.body?.model === model)).toHaveLength(2);
  });
});
