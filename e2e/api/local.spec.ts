import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parseStream, postRaw, STREAM_PATH } from "./support";

/** The keyless local model (stories260K.gguf from ../shared/models through LOCAL_MODELS_DIR). */
function localBody(content: string, params: Record<string, unknown> = {}, model = "stories260K.gguf") {
  return {
    cache: false,
    llm_configuration: {
      provider: "local",
      model,
      messages: [{ role: "user", content }],
      model_params: { temp: 0, max_length: 40, ...params },
    },
  };
}

const PROMPTS = [
  "Once upon a time",
  "Tom had a red ball",
  "The cat sat on",
  "Lily went to the park",
  "One day, a little bird",
  "The sun was",
  "Ben and Mia",
  "There was a big tree",
];

test.describe("provider local (node-llama-cpp, no key)", () => {
  test("temp 0 streams the model's greedy continuation, with engine-counted metrics", async ({ baseURL }) => {
    const raw = await postRaw(baseURL!, STREAM_PATH, localBody("Once upon a time"));
    expect(raw.status).toBe(200);
    const stream = parseStream(raw);
    expect(stream.text.startsWith(", there was a little girl named Lily")).toBe(true);
    expect(stream.events.length).toBeGreaterThan(2);
    expect(stream.final).toMatchObject({
      status: "success",
      provider: "local",
      cost: 0,
      output_tokens: 40,
      finish_reason: "length",
    });
    expect(stream.final.input_tokens).toBeGreaterThan(0);
    expect(stream.final.tokens_per_second).toBeGreaterThan(0);
  });

  test("8 simultaneous streams each finish with their own, uninterleaved text", async ({ baseURL }) => {
    const alone: string[] = [];
    for (const prompt of PROMPTS) alone.push(parseStream(await postRaw(baseURL!, STREAM_PATH, localBody(prompt))).text);
    const together = await Promise.all(PROMPTS.map((prompt) => postRaw(baseURL!, STREAM_PATH, localBody(prompt))));
    together.forEach((raw, index) => {
      const stream = parseStream(raw);
      expect(stream.final.status, PROMPTS[index]).toBe("success");
      expect(stream.text, PROMPTS[index]).toBe(alone[index]);
    });
    expect(new Set(alone).size).toBe(PROMPTS.length);
  });

  test("aborting a long generation frees its context at once", async ({ baseURL, request }) => {
    const body = JSON.stringify(localBody("Once upon a time", { max_length: 480, temp: 0.8, seed: 1 }));
    const activeContexts = async () => {
      const health = await (await request.get("/api/health")).json();
      return (health.local_models_loaded as { contexts_active: number }[]).reduce(
        (sum, model) => sum + model.contexts_active,
        0,
      );
    };
    const dropped: http.ClientRequest[] = [];
    // Two long runs hold every context of the pool (LOCAL_MAX_CONTEXTS=2)...
    await Promise.all(
      [0, 1].map(
        () =>
          new Promise<void>((resolve) => {
            const outgoing = http.request(
              `${baseURL}${STREAM_PATH}`,
              { method: "POST", headers: { "content-type": "application/json" } },
              (response) => {
                response.on("data", (piece: Buffer) => piece.toString().includes('"chunk"') && resolve());
                response.on("error", () => undefined);
              },
            );
            outgoing.on("error", () => undefined);
            outgoing.end(body);
            dropped.push(outgoing);
          }),
      ),
    );
    expect(await activeContexts()).toBe(2);
    // ...until their clients go away: both contexts are back in the pool within moments, not after 480 tokens.
    for (const outgoing of dropped) outgoing.destroy();
    await expect.poll(activeContexts, { timeout: 500, intervals: [20] }).toBe(0);
    const next = parseStream(await postRaw(baseURL!, STREAM_PATH, localBody("Once upon a time", { max_length: 8 })));
    expect(next.final.status).toBe("success");
    expect(next.text.startsWith(", there was")).toBe(true);
  });

  test("a missing file says where to put it", async ({ request }) => {
    const response = await request.post(STREAM_PATH, { data: localBody("hi", {}, "no-such-model.gguf") });
    expect(response.status()).toBe(404);
    const { error } = await response.json();
    expect(error.type).toBe("local_model_error");
    expect(error.message).toMatch(/not found in .*shared\/models\. Put the GGUF file there, or set LOCAL_MODELS_DIR/);
  });

  test("an absolute model path is refused unless the operator allows them (security-gguf.spec covers bad files)", async ({
    request,
    baseURL,
  }) => {
    const dir = mkdtempSync(path.join(tmpdir(), "not-gguf-"));
    const file = path.join(dir, "broken.gguf");
    writeFileSync(file, "this is not a model at all, just text".repeat(100));
    const response = await request.post(STREAM_PATH, { data: localBody("hi", {}, file) });
    expect(response.status()).toBe(422);
    const { error } = await response.json();
    expect(error).toMatchObject({
      type: "local_model_error",
      message: expect.stringContaining("LOCAL_ALLOW_ABSOLUTE_PATHS=1"),
    });
    const after = parseStream(await postRaw(baseURL!, STREAM_PATH, localBody("Once upon a time", { max_length: 5 })));
    expect(after.final.status).toBe("success");
  });

  test("an invalid model name is refused before touching the disk", async ({ request }) => {
    for (const model of ["../../etc/passwd", "models/../secret.gguf", "model.bin"]) {
      const response = await request.post(STREAM_PATH, { data: localBody("hi", {}, model) });
      expect(response.status(), model).toBe(422);
      expect((await response.json()).error.message).toContain("Invalid local model name");
    }
  });
});
