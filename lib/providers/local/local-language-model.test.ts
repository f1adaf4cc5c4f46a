import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeLocalEngine, getLocalModel, localEngineConfig } from "./engine";
import { localAdapter } from "./index";
import { LocalLanguageModel, StopSequenceFilter } from "./local-language-model";
import { DEFAULT_LOCAL_MODEL, LocalModelError, resolveLocalModelPath } from "./models";

// The shared model lives next to the repo (CI: ../shared/models); LOCAL_MODELS_DIR overrides.
process.env.LOCAL_MODELS_DIR ??= path.resolve(process.cwd(), "../shared/models");
// These tests load files from a temp folder by absolute path, which the operator must allow.
process.env.LOCAL_ALLOW_ABSOLUTE_PATHS = "1";

const REFERENCE = ", there was a little girl named Lily";

let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "local-llm-"));
});

afterAll(async () => {
  await disposeLocalEngine({ timeoutMs: 1000 });
  await fs.rm(tmp, { recursive: true, force: true });
});

function userPrompt(text: string): LanguageModelV4CallOptions["prompt"] {
  return [{ role: "user", content: [{ type: "text", text }] }];
}

async function collect(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const text = parts.map((part) => (part.type === "text-delta" ? part.delta : "")).join("");
  const finish = parts.find((part) => part.type === "finish");
  return { parts, text, finish: finish?.type === "finish" ? finish : undefined };
}

async function run(options: Partial<LanguageModelV4CallOptions> & { text?: string }, modelId = DEFAULT_LOCAL_MODEL) {
  const model = new LocalLanguageModel(modelId);
  const { text = "Once upon a time", ...rest } = options;
  const { stream } = await model.doStream({ prompt: userPrompt(text), ...rest });
  return collect(stream);
}

/**
 * A copy of a GGUF file with `tokenizer.chat_template` added to its metadata (GGUF v2/v3 layout: header, key-values,
 * tensor infos, padding to `general.alignment`, tensor data), to exercise the chat-template path with a tiny model.
 */
function withChatTemplate(source: Buffer, template: string): Buffer {
  let offset = 4 + 4;
  const u32 = () => {
    const value = source.readUInt32LE(offset);
    offset += 4;
    return value;
  };
  const u64 = () => {
    const value = Number(source.readBigUInt64LE(offset));
    offset += 8;
    return value;
  };
  const sizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
  let alignment = 32;
  const skipValue = (type: number): void => {
    if (type === 8) {
      const length = u64();
      offset += length;
    } else if (type === 9) {
      const itemType = u32();
      const count = u64();
      for (let i = 0; i < count; i++) skipValue(itemType);
    } else offset += sizes[type] ?? Number.NaN;
  };
  const tensorCount = u64();
  const kvCount = u64();
  const kvStart = offset;
  for (let i = 0; i < kvCount; i++) {
    const key = source.toString("utf8", offset + 8, offset + 8 + Number(source.readBigUInt64LE(offset)));
    offset += 8 + Buffer.byteLength(key);
    const type = u32();
    if (key === "general.alignment") alignment = source.readUInt32LE(offset);
    skipValue(type);
  }
  const kvEnd = offset;
  for (let i = 0; i < tensorCount; i++) {
    offset += 8 + Number(source.readBigUInt64LE(offset));
    const dims = u32();
    offset += dims * 8 + 4 + 8;
  }
  const infosEnd = offset;
  const dataStart = Math.ceil(infosEnd / alignment) * alignment;

  const str = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(bytes.length));
    return Buffer.concat([length, bytes]);
  };
  const type = Buffer.alloc(4);
  type.writeUInt32LE(8);
  const header = Buffer.from(source.subarray(0, kvStart));
  header.writeBigUInt64LE(BigInt(kvCount + 1), 16);
  const head = Buffer.concat([
    header,
    source.subarray(kvStart, kvEnd),
    str("tokenizer.chat_template"),
    type,
    str(template),
    source.subarray(kvEnd, infosEnd),
  ]);
  const padding = Buffer.alloc((alignment - (head.length % alignment)) % alignment);
  return Buffer.concat([head, padding, source.subarray(dataStart)]);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: unknown) => reason,
  );
}

// Generous timeouts: CI machines may be much slower than the ~1,500 tokens/s seen on a 2-core dev box.
describe("LocalLanguageModel with stories260K", { timeout: 60_000 }, () => {
  it("continues 'Once upon a time' greedily with the reference text, streaming well-formed parts", async () => {
    const started = performance.now();
    const { parts, text, finish } = await run({ temperature: 0, maxOutputTokens: 40 });
    const ms = performance.now() - started;

    expect(text.startsWith(REFERENCE)).toBe(true);
    expect(text.startsWith(`${REFERENCE}. She loved to play outside in the park.`)).toBe(true);

    const types = parts.map((part) => part.type);
    expect(types.slice(0, 3)).toEqual(["stream-start", "response-metadata", "text-start"]);
    expect(types.slice(-2)).toEqual(["text-end", "finish"]);
    expect(types.filter((type) => type === "text-delta").length).toBeGreaterThan(5);
    expect(parts[0]).toEqual({ type: "stream-start", warnings: [] });
    expect(parts[1]).toMatchObject({ type: "response-metadata", modelId: DEFAULT_LOCAL_MODEL });

    expect(finish?.finishReason).toEqual({ unified: "length", raw: "length" });
    // BOS + "Once upon a time" (O|n|ce|upon|a|time in this 512-token vocabulary).
    expect(finish?.usage.inputTokens).toEqual({ total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined });
    expect(finish?.usage.outputTokens).toEqual({ total: 40, text: 40, reasoning: undefined });
    console.log(`[local test] first run incl. engine + model load: ${ms.toFixed(0)} ms`);
  });

  it("measures throughput (informational)", async () => {
    const started = performance.now();
    const { finish } = await run({ temperature: 0, maxOutputTokens: 256, text: "The dog" });
    const ms = performance.now() - started;
    const tokens = finish?.usage.outputTokens.total ?? 0;
    const loaded = await getLocalModel(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    console.log(
      `[local test] model load ${loaded.loadMs.toFixed(0)} ms; ${tokens} tokens in ${ms.toFixed(0)} ms = ${((tokens / ms) * 1000).toFixed(0)} tokens/s`,
    );
    expect(tokens).toBeGreaterThan(0);
  });

  it("joins messages with a newline: system + user turns form one plain-text prompt", async () => {
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL);
    const joined = await collect(
      (
        await model.doStream({
          prompt: [
            { role: "system", content: "Once upon a time" },
            { role: "user", content: [{ type: "text", text: "there was a cat" }] },
          ],
          temperature: 0,
          maxOutputTokens: 20,
        })
      ).stream,
    );
    const plain = await run({ text: "Once upon a time\nthere was a cat", temperature: 0, maxOutputTokens: 20 });
    expect(joined.text).toBe(plain.text);
    expect(joined.finish?.usage.inputTokens.total).toBe(plain.finish?.usage.inputTokens.total);
  });

  it("stops right before a stop sequence without emitting it", async () => {
    const { text, finish } = await run({ temperature: 0, maxOutputTokens: 100, stopSequences: ["xyz", "Lily"] });
    expect(text).toBe(", there was a little girl named ");
    expect(finish?.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(finish?.usage.outputTokens.total).toBeLessThan(15);

    // A stop sequence spanning several tokens, and one that never occurs (held-back text is emitted at the end).
    const spanning = await run({ temperature: 0, maxOutputTokens: 100, stopSequences: ["girl named"] });
    expect(spanning.text).toBe(", there was a little ");
    const never = await run({ temperature: 0, maxOutputTokens: 30, stopSequences: ["Lily!?"] });
    const plain = await run({ temperature: 0, maxOutputTokens: 30 });
    expect(never.text).toBe(plain.text);
    expect(never.finish?.finishReason).toEqual({ unified: "length", raw: "length" });
  });

  it("is deterministic with a seed at temperature > 0, and varies across seeds", async () => {
    const options = { temperature: 1, topP: 0.95, topK: 40, maxOutputTokens: 60 };
    const a = await run({ ...options, seed: 42 });
    const b = await run({ ...options, seed: 42 });
    expect(a.text).toBe(b.text);
    const others = await Promise.all([1, 2, 3].map((seed) => run({ ...options, seed })));
    expect(others.some((other) => other.text !== a.text)).toBe(true);
  });

  it("doGenerate returns the collected text, finish reason and usage", async () => {
    const model = localAdapter.createModel({ modelId: DEFAULT_LOCAL_MODEL, apiKey: undefined, baseURL: undefined });
    const result = await model.doGenerate({
      prompt: userPrompt("Once upon a time"),
      temperature: 0,
      maxOutputTokens: 12,
    });
    expect(result.content).toHaveLength(1);
    const [part] = result.content;
    expect(part?.type === "text" && part.text.startsWith(", there was a little girl")).toBe(true);
    expect(result.finishReason).toEqual({ unified: "length", raw: "length" });
    expect(result.usage.outputTokens.total).toBe(12);
    expect(result.warnings).toEqual([]);
  });

  it("warns about options a local model does not support", async () => {
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL);
    const { stream } = await model.doStream({
      prompt: userPrompt("Once upon a time"),
      temperature: 0,
      maxOutputTokens: 3,
      tools: [{ type: "function", name: "f", inputSchema: { type: "object" } }],
      responseFormat: { type: "json" },
    });
    const { parts } = await collect(stream);
    expect(parts[0]).toEqual({
      type: "stream-start",
      warnings: [
        { type: "unsupported", feature: "tools", details: expect.any(String) },
        { type: "unsupported", feature: "responseFormat", details: expect.any(String) },
      ],
    });
  });

  it("runs 8 concurrent streams, each with its own uninterleaved text", async () => {
    const prompts = [
      "Once upon a time",
      "The cat",
      "Tom and Sue",
      "One day, a little bird",
      "The sun was",
      "Lily wanted to",
      "There was a big tree",
      "Ben had a red ball",
    ];
    const options = { temperature: 0, maxOutputTokens: 80 };
    const alone: string[] = [];
    for (const text of prompts) alone.push((await run({ ...options, text })).text);
    expect(new Set(alone).size).toBe(prompts.length);

    const together = await Promise.all(prompts.map((text) => run({ ...options, text })));
    together.forEach((result, index) => {
      expect(result.text).toBe(alone[index]);
      const types = result.parts.map((part) => part.type);
      expect(types.at(-1)).toBe("finish");
      expect(types.filter((type) => type === "finish")).toHaveLength(1);
    });

    const loaded = await getLocalModel(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    expect(loaded.pool.active).toBe(0);
    expect(loaded.pool.queued).toBe(0);
  });

  it("Stop (abort) ends a long generation at once and frees the context for the next request", async () => {
    const loaded = await getLocalModel(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    const abort = new AbortController();
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL);
    const { stream } = await model.doStream({
      prompt: userPrompt("Once upon a time"),
      temperature: 0,
      maxOutputTokens: 400,
      abortSignal: abort.signal,
    });
    const reader = stream.getReader();
    const parts: LanguageModelV4StreamPart[] = [];
    let deltas = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      if (value.type === "text-delta" && ++deltas === 10) abort.abort();
    }
    const finish = parts.find((part) => part.type === "finish");
    expect(finish?.type === "finish" && finish.finishReason).toEqual({ unified: "stop", raw: "abort" });
    const generated = finish?.type === "finish" ? (finish.usage.outputTokens.total ?? 0) : 0;
    expect(generated).toBeGreaterThanOrEqual(10);
    expect(generated).toBeLessThan(400);
    expect(parts.some((part) => part.type === "error")).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loaded.pool.active).toBe(0);

    // The next request starts at once, with a clean context (same greedy text as ever).
    const started = performance.now();
    const next = await run({ temperature: 0, maxOutputTokens: 10 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(next.text.startsWith(", there was a little girl")).toBe(true);
  });

  it("cancelling the stream releases the context too", async () => {
    const loaded = await getLocalModel(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL);
    const { stream } = await model.doStream({ prompt: userPrompt("The cat"), temperature: 0, maxOutputTokens: 400 });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    for (let i = 0; i < 100 && loaded.pool.active > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(loaded.pool.active).toBe(0);
  });

  it("a request aborted while queued leaves the queue (doStream rejects with the abort reason)", async () => {
    const loaded = await getLocalModel(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    const stopBusy = new AbortController();
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL);
    // Occupy every context of the pool (LOCAL_MAX_CONTEXTS, default 2).
    const { maxContexts } = localEngineConfig();
    const busy = await Promise.all(
      Array.from({ length: maxContexts }, () =>
        model.doStream({
          prompt: userPrompt("Once upon a time"),
          temperature: 0,
          maxOutputTokens: 100_000,
          abortSignal: stopBusy.signal,
        }),
      ),
    );
    expect(loaded.pool.active).toBe(maxContexts);

    const waiting = new AbortController();
    const queued = model.doStream({ prompt: userPrompt("The cat"), temperature: 0, abortSignal: waiting.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loaded.pool.queued).toBe(1);
    waiting.abort();
    const reason = await rejection(queued);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe("AbortError");
    expect(loaded.pool.queued).toBe(0);

    stopBusy.abort();
    const results = await Promise.all(busy.map(({ stream }) => collect(stream)));
    for (const result of results) expect(result.finish?.finishReason.raw).toBe("abort");
    expect(loaded.pool.active).toBe(0);
  });

  it("uses the model's own chat template when the file has one", async () => {
    const template =
      "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    const file = path.join(tmp, "stories-chat.gguf");
    await fs.writeFile(
      file,
      withChatTemplate(await fs.readFile(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL)), template),
    );
    const loaded = await getLocalModel(file);
    expect(loaded.chatTemplate).toBe(template);

    const model = new LocalLanguageModel(file);
    const result = await model.doStream({
      prompt: [
        { role: "system", content: "You tell stories." },
        { role: "user", content: [{ type: "text", text: "Once upon a time" }] },
      ],
      temperature: 0,
      maxOutputTokens: 30,
    });
    expect(result.request?.body).toMatchObject({ mode: "chat" });
    const { parts, finish } = await collect(result.stream);
    expect(parts.some((part) => part.type === "error")).toBe(false);
    // The rendered template is much longer than the two messages' text.
    expect(finish?.usage.inputTokens.total).toBeGreaterThan(20);
    expect(finish?.usage.outputTokens.total).toBeGreaterThan(0);

    const base = await new LocalLanguageModel(DEFAULT_LOCAL_MODEL).doStream({
      prompt: userPrompt("x"),
      maxOutputTokens: 1,
    });
    expect(base.request?.body).toMatchObject({ mode: "completion" });
    await collect(base.stream);
  });

  it("forced chat mode renders the history through a chat wrapper and streams", async () => {
    const model = new LocalLanguageModel(DEFAULT_LOCAL_MODEL, { promptMode: "chat" });
    const { stream } = await model.doStream({
      prompt: [
        { role: "system", content: "You tell stories." },
        { role: "user", content: [{ type: "text", text: "Tell me a story." }] },
      ],
      temperature: 0,
      maxOutputTokens: 30,
    });
    const { parts, finish } = await collect(stream);
    expect(parts.some((part) => part.type === "error")).toBe(false);
    expect(finish?.usage.inputTokens.total).toBeGreaterThan(5);
    expect(finish?.usage.outputTokens.total).toBeGreaterThan(0);
  });
});

describe("StopSequenceFilter", () => {
  function feed(stops: string[] | undefined, chunks: string[]) {
    const out: string[] = [];
    const filter = new StopSequenceFilter(stops, (text) => out.push(text));
    let stoppedAt = -1;
    chunks.forEach((chunk, index) => {
      if (filter.push(chunk) && stoppedAt < 0) stoppedAt = index;
    });
    filter.flush();
    return { text: out.join(""), stoppedAt };
  }

  it("passes text through without stop sequences", () => {
    expect(feed(undefined, ["a", "b"])).toEqual({ text: "ab", stoppedAt: -1 });
    expect(feed([""], ["a", "b"])).toEqual({ text: "ab", stoppedAt: -1 });
  });

  it("stops before a stop sequence split across chunks", () => {
    expect(feed(["END"], ["one E", "N", "D two"])).toEqual({ text: "one ", stoppedAt: 2 });
  });

  it("releases held-back text that turns out not to be a stop sequence", () => {
    expect(feed(["END"], ["one E", "NX", " two E"])).toEqual({ text: "one ENX two E", stoppedAt: -1 });
  });

  it("stops at the earliest of several stop sequences", () => {
    expect(feed(["b", "\n\n"], ["a\n\nxb"])).toEqual({ text: "a", stoppedAt: 0 });
  });
});

describe("LocalLanguageModel errors", { timeout: 60_000 }, () => {
  it("rejects a missing model file with a message saying where to put it", async () => {
    const error = await rejection(new LocalLanguageModel("missing-model.gguf").doStream({ prompt: userPrompt("x") }));
    expect(error).toBeInstanceOf(LocalModelError);
    expect((error as LocalModelError).code).toBe("not_found");
    expect((error as LocalModelError).message).toBe(
      `Local model "missing-model.gguf" not found in ${path.resolve(process.cwd(), process.env.LOCAL_MODELS_DIR ?? "")}. Put the GGUF file there, or set LOCAL_MODELS_DIR.`,
    );
  });

  it("rejects a path-traversal name", async () => {
    const error = await rejection(new LocalLanguageModel("../../etc/passwd").doStream({ prompt: userPrompt("x") }));
    expect(error).toBeInstanceOf(LocalModelError);
    expect((error as LocalModelError).code).toBe("invalid_name");
  });

  it("rejects a file that is not GGUF", async () => {
    const junk = path.join(tmp, "junk.gguf");
    await fs.writeFile(junk, "this is certainly not a GGUF model file\n".repeat(20));
    const error = await rejection(new LocalLanguageModel(junk).doStream({ prompt: userPrompt("x") }));
    expect(error).toBeInstanceOf(LocalModelError);
    expect((error as LocalModelError).code).toBe("invalid_file");
    expect((error as LocalModelError).message).toMatch(
      /^Local model ".*junk\.gguf" could not be loaded: not a valid GGUF file \(/,
    );
  });

  it("rejects a 24-byte GGUF whose header claims 2^48 entries at once, and the engine keeps serving", async () => {
    const crafted = path.join(tmp, "crafted.gguf");
    const head = Buffer.alloc(24);
    head.write("GGUF", 0, "latin1");
    head.writeUInt32LE(3, 4);
    head.writeBigUInt64LE(2n ** 48n - 1n, 8);
    head.writeBigUInt64LE(2n ** 48n - 1n, 16);
    await fs.writeFile(crafted, head);
    const error = await rejection(new LocalLanguageModel(crafted).doStream({ prompt: userPrompt("x") }));
    expect(error).toBeInstanceOf(LocalModelError);
    expect((error as LocalModelError).code).toBe("invalid_file");
    expect((error as LocalModelError).message).toMatch(
      /could not be loaded: not a valid GGUF file \(its header claims/,
    );
    const { stream } = await new LocalLanguageModel(DEFAULT_LOCAL_MODEL).doStream({
      prompt: userPrompt("Once upon a time"),
      temperature: 0,
      maxOutputTokens: 5,
    });
    expect((await collect(stream)).text.length).toBeGreaterThan(0);
  });

  it("rejects a truncated GGUF file without caching it, and loads the file once it is fixed", async () => {
    const original = await fs.readFile(await resolveLocalModelPath(DEFAULT_LOCAL_MODEL));
    const broken = path.join(tmp, "broken.gguf");
    for (const length of [600_000, 2_000, 3]) {
      await fs.writeFile(broken, original.subarray(0, length));
      const error = await rejection(new LocalLanguageModel(broken).doStream({ prompt: userPrompt("x") }));
      expect(error).toBeInstanceOf(LocalModelError);
      expect((error as LocalModelError).code).toBe("invalid_file");
      expect((error as LocalModelError).message).toContain("could not be loaded");
      expect((error as LocalModelError).message).toMatch(
        length === 3 ? /not a valid GGUF file/ : /truncated or corrupted/,
      );
    }

    await fs.writeFile(broken, original);
    const { stream } = await new LocalLanguageModel(broken).doStream({
      prompt: userPrompt("Once upon a time"),
      temperature: 0,
      maxOutputTokens: 10,
    });
    const { text } = await collect(stream);
    expect(text.startsWith(", there was a little girl")).toBe(true);
  });
});
