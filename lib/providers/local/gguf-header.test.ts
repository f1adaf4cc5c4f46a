import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGgufStructure, GgufFormatError } from "./gguf-header";
import { parseGgufInWorker } from "./gguf-worker";

const STORIES = path.resolve(
  process.env.LOCAL_MODELS_DIR ?? path.resolve(process.cwd(), "../shared/models"),
  "stories260K.gguf",
);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "gguf-header-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
};
const u64 = (value: bigint | number) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
};
const string = (text: string) => Buffer.concat([u64(Buffer.byteLength(text)), Buffer.from(text)]);
const header = (tensors: bigint | number, kvs: bigint | number, version = 3) =>
  Buffer.concat([Buffer.from("GGUF"), u32(version), u64(tensors), u64(kvs)]);

let counter = 0;
async function file(...parts: Buffer[]): Promise<string> {
  const filePath = path.join(dir, `crafted-${counter++}.gguf`);
  await fs.writeFile(filePath, Buffer.concat(parts));
  return filePath;
}

async function refusal(filePath: string): Promise<GgufFormatError> {
  const error = await checkGgufStructure(filePath).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GgufFormatError);
  return error as GgufFormatError;
}

describe("checkGgufStructure", () => {
  it("walks the real stories260K model", async () => {
    const info = await checkGgufStructure(STORIES);
    expect(info).toMatchObject({ version: 3, tensorCount: 48, sizeBytes: 1_185_376 });
    expect(info.kvCount).toBeGreaterThan(10);
    expect(info.infoBytes).toBeLessThan(info.sizeBytes);
  });

  it("refuses the 24-byte file whose header claims 2^48 entries (the one that hung the server)", async () => {
    const error = await refusal(await file(header(2n ** 48n - 1n, 2n ** 48n - 1n)));
    expect(error.message).toBe(
      "its header claims 281474976710655 metadata entries and 281474976710655 tensors, more than a file of 24 bytes can hold",
    );
  });

  it("refuses counts that only just do not fit", async () => {
    // 2 entries need at least 26 bytes after the header; 25 are there.
    const error = await refusal(await file(header(0, 2), Buffer.alloc(25)));
    expect(error.message).toContain("more than a file of 49 bytes can hold");
  });

  it("refuses a wrong magic, a short file and versions other than 2 and 3", async () => {
    expect((await refusal(await file(Buffer.from("GG")))).message).toBe("the file is too short");
    expect((await refusal(await file(Buffer.from("ZZZZ0000")))).message).toBe('it starts with "ZZZZ", not "GGUF"');
    expect((await refusal(await file(Buffer.from("GGUF"), u32(3)))).truncated).toBe(true);
    for (const version of [1, 4, 0x03000000]) {
      expect((await refusal(await file(header(0, 0, version)))).message).toContain(`GGUF version ${version}`);
    }
  });

  it("refuses lengths and counts inside the metadata that run past the end", async () => {
    const filler = Buffer.alloc(64);
    const cases = [
      // a key 2^60 bytes long
      Buffer.concat([u64(2n ** 60n), filler]),
      // a string value 2^40 bytes long
      Buffer.concat([string("k"), u32(8), u64(2n ** 40n), filler]),
      // an array of 2^50 uint8
      Buffer.concat([string("k"), u32(9), u32(0), u64(2n ** 50n), filler]),
      // an array of 2^40 strings
      Buffer.concat([string("k"), u32(9), u32(8), u64(2n ** 40n), filler]),
    ];
    for (const entry of cases) {
      const error = await refusal(await file(header(0, 1), entry));
      expect(error.truncated).toBe(true);
      expect(error.message).toBe("metadata entry 0 runs past the end of the file");
    }
  });

  it("refuses unknown value types, nested arrays and tensors with too many dimensions", async () => {
    const filler = Buffer.alloc(64);
    expect((await refusal(await file(header(0, 1), string("k"), u32(77), filler))).message).toBe(
      "metadata entry 0 has an unknown value type 77",
    );
    expect((await refusal(await file(header(0, 1), string("k"), u32(9), u32(9), u64(1), filler))).message).toBe(
      "metadata entry 0 is an array of arrays",
    );
    expect((await refusal(await file(header(1, 0), string("t"), u32(1000), filler))).message).toBe(
      "tensor 0 has 1000 dimensions (at most 4)",
    );
  });

  it("accepts a small well-formed file", async () => {
    const info = await checkGgufStructure(
      await file(
        header(1, 2),
        Buffer.concat([string("general.name"), u32(8), string("tiny")]),
        Buffer.concat([string("tokens"), u32(9), u32(8), u64(2), string("a"), string("b")]),
        Buffer.concat([string("w"), u32(2), u64(2), u64(3), u32(0), u64(0)]),
      ),
    );
    expect(info).toMatchObject({ version: 3, tensorCount: 1, kvCount: 2 });
  });
});

describe("parseGgufInWorker", () => {
  it("parses a real model in a worker", async () => {
    expect(await parseGgufInWorker(STORIES)).toEqual({ ok: true });
  }, 30_000);

  it("cuts off a parse that takes longer than its limit, and the caller carries on", async () => {
    const outcome = await parseGgufInWorker(STORIES, { timeoutMs: 1 });
    expect(outcome).toMatchObject({ ok: false, reason: "timeout" });
  }, 30_000);

  it("reports what node-llama-cpp's parser says about a broken file", async () => {
    const outcome = await parseGgufInWorker(await file(Buffer.from("not a gguf file at all, no")));
    expect(outcome).toMatchObject({ ok: false, reason: "invalid" });
  }, 30_000);
});
