import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, parseStream, postRaw, STREAM_PATH } from "./support";

/**
 * Issue 9.8: a 24-byte GGUF whose header claims 2^48 metadata entries used to hang the server for good (the parser
 * looped, RSS climbed to GBs). Now it is a clear 422 and the server keeps answering; absolute model paths are off
 * unless the operator sets LOCAL_ALLOW_ABSOLUTE_PATHS=1.
 */
const SHARED_MODEL = path.resolve(
  process.env.LOCAL_MODELS_DIR ?? path.resolve(__dirname, "../../../shared/models"),
  "stories260K.gguf",
);
let app: AppInstance;
let dir: string;

function ggufHeader(tensors: bigint, kvs: bigint): Buffer {
  const head = Buffer.alloc(24);
  head.write("GGUF", 0, "latin1");
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(tensors, 8);
  head.writeBigUInt64LE(kvs, 16);
  return head;
}

// Generous: model loads (a worker-thread parse, then llama.cpp) and a second app instance, on a busy machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gguf-models-"));
  writeFileSync(path.join(dir, "crafted.gguf"), ggufHeader(2n ** 48n - 1n, 2n ** 48n - 1n));
  // One metadata entry whose value is an array of 2^50 bytes: the counts fit the file, the array does not.
  const entry = Buffer.alloc(8 + 1 + 4 + 4 + 8);
  entry.writeBigUInt64LE(1n, 0);
  entry.write("k", 8);
  entry.writeUInt32LE(9, 9);
  entry.writeUInt32LE(0, 13);
  entry.writeBigUInt64LE(2n ** 50n, 17);
  writeFileSync(path.join(dir, "huge-array.gguf"), Buffer.concat([ggufHeader(0n, 1n), entry, Buffer.alloc(64)]));
  writeFileSync(path.join(dir, "text.gguf"), "this is not a model at all, just text".repeat(100));
  symlinkSync(SHARED_MODEL, path.join(dir, "stories260K.gguf"));
  app = await startAppInstance({
    LOCAL_MODELS_DIR: dir,
    LOCAL_PREWARM: "0",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "gguf-data-")),
  });
});
test.afterAll(async () => app?.stop());

function localBody(model: string) {
  return {
    cache: false,
    llm_configuration: {
      provider: "local",
      model,
      messages: [{ role: "user", content: "Once upon a time" }],
      model_params: { temp: 0, max_length: 8 },
    },
  };
}

async function expectServing() {
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  const stream = parseStream(await postRaw(app.url, STREAM_PATH, localBody("stories260K.gguf")));
  expect(stream.final.status).toBe("success");
  expect(stream.text.length).toBeGreaterThan(0);
}

for (const [model, message] of [
  ["crafted.gguf", "its header claims 281474976710655 metadata entries"],
  ["huge-array.gguf", "truncated or corrupted: metadata entry 0 runs past the end of the file"],
  ["text.gguf", 'it starts with "this", not "GGUF"'],
] as const) {
  test(`${model} is a clear 422 on both routes, and the server keeps serving`, async () => {
    for (const route of [STREAM_PATH, COMPLETION_PATH]) {
      const raw = await postRaw(app.url, route, localBody(model));
      expect(raw.status, route).toBe(422);
      const { error } = JSON.parse(raw.text);
      expect(error.type).toBe("local_model_error");
      expect(error.message).toContain(`Local model "${model}" could not be loaded: not a valid GGUF file (`);
      expect(error.message).toContain(message);
    }
    await expectServing();
    // The worker-thread parse ran (node-llama-cpp importable there), not skipped.
    expect(app.output()).not.toContain("GGUF check in a worker skipped");
  });
}

test("an absolute model path is refused when the operator has not allowed them (loopback included)", async () => {
  const raw = await postRaw(app.url, COMPLETION_PATH, localBody(SHARED_MODEL));
  expect(raw.status).toBe(422);
  const { error } = JSON.parse(raw.text);
  expect(error.type).toBe("local_model_error");
  expect(error.message).toContain("Absolute model paths are off on this server");
  expect(error.message).toContain("LOCAL_ALLOW_ABSOLUTE_PATHS=1");
  await expectServing();
});

test("with LOCAL_ALLOW_ABSOLUTE_PATHS=1 an absolute path loads, and a bad file there is still a 422", async () => {
  const allowing = await startAppInstance({
    LOCAL_MODELS_DIR: dir,
    LOCAL_PREWARM: "0",
    LOCAL_ALLOW_ABSOLUTE_PATHS: "1",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "gguf-data-")),
  });
  try {
    const good = parseStream(await postRaw(allowing.url, STREAM_PATH, localBody(SHARED_MODEL)));
    expect(good.final.status).toBe("success");
    const bad = await postRaw(allowing.url, COMPLETION_PATH, localBody(path.join(dir, "crafted.gguf")));
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.text).error.message).toContain("not a valid GGUF file");
  } finally {
    await allowing.stop();
  }
});
