/**
 * A bounded walk over a GGUF file's header, metadata and tensor table, before any parser sees the file. The parser in
 * node-llama-cpp 3.21.1 trusts the header's counts: a 24-byte file that claims 2^48 metadata entries keeps it reading
 * zeros past the end of the file for good (the event loop starves, RSS climbs to GBs). Here every count and length is
 * checked against the bytes that are left before it is used, so the walk ends within the file's size, always.
 *
 * Layout (GGUF v2/v3, little-endian): "GGUF", u32 version, u64 tensor_count, u64 kv_count; then kv_count entries of
 * (string key, u32 type, value); then tensor_count entries of (string name, u32 n_dims, u64 × n_dims, u32 type,
 * u64 offset). A string is a u64 length and its bytes; an array is a u32 element type, a u64 count and the elements.
 *
 * Server-only by use (reads the file system); it does not import "server-only" so Vitest can load it.
 */
import { promises as fs } from "node:fs";

const HEADER_BYTES = 24;
/** The smallest metadata entry: an empty key (8-byte length), its type (4) and a one-byte value. */
const MIN_KV_BYTES = 8 + 4 + 1;
/** The smallest tensor entry: an empty name (8), n_dims (4), the type (4) and the offset (8). */
const MIN_TENSOR_BYTES = 8 + 4 + 4 + 8;
/** GGML_MAX_DIMS in llama.cpp. */
const MAX_DIMS = 4;
const TYPE_STRING = 8;
const TYPE_ARRAY = 9;
/** Byte size of each fixed-size GGUF value type, by type id. */
const FIXED_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const CHUNK_BYTES = 1 << 20;

/** Why a file is not a GGUF file llama.cpp could load; `truncated` says the structure runs past the file's end. */
export class GgufFormatError extends Error {
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
    this.name = "GgufFormatError";
  }
}

export interface GgufHeader {
  version: number;
  tensorCount: number;
  kvCount: number;
  /** Bytes of header, metadata and tensor table. */
  infoBytes: number;
  sizeBytes: number;
}

/** Reads little-endian numbers at a moving position through a 1 MiB window; skips without reading. */
class BoundedReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  position = 0;

  constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
  ) {}

  get left(): number {
    return this.size - this.position;
  }

  /** Advances past `bytes` (a bigint from the file), or fails if fewer are left. */
  skip(bytes: bigint, what: string): void {
    if (bytes > BigInt(this.left)) throw new GgufFormatError(`${what} runs past the end of the file`, true);
    this.position += Number(bytes);
  }

  private async bytes(count: number, what: string): Promise<Buffer> {
    if (count > this.left) throw new GgufFormatError(`${what} runs past the end of the file`, true);
    const offset = this.position - this.windowStart;
    if (offset < 0 || offset + count > this.window.length) {
      const length = Math.min(Math.max(count, CHUNK_BYTES), this.left);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.handle.read(buffer, 0, length, this.position);
      if (bytesRead < count) throw new GgufFormatError(`${what} runs past the end of the file`, true);
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = this.position;
    }
    const start = this.position - this.windowStart;
    this.position += count;
    return this.window.subarray(start, start + count);
  }

  async u32(what: string): Promise<number> {
    return (await this.bytes(4, what)).readUInt32LE(0);
  }

  async u64(what: string): Promise<bigint> {
    return (await this.bytes(8, what)).readBigUInt64LE(0);
  }

  async skipString(what: string): Promise<void> {
    this.skip(await this.u64(what), what);
  }
}

async function skipValue(reader: BoundedReader, type: number, what: string): Promise<void> {
  const fixed = FIXED_SIZES[type];
  if (fixed !== undefined) return reader.skip(BigInt(fixed), what);
  if (type === TYPE_STRING) return reader.skipString(what);
  if (type !== TYPE_ARRAY) throw new GgufFormatError(`${what} has an unknown value type ${type}`);
  const elementType = await reader.u32(what);
  const count = await reader.u64(what);
  const elementSize = FIXED_SIZES[elementType];
  if (elementSize !== undefined) return reader.skip(count * BigInt(elementSize), what);
  if (elementType !== TYPE_STRING) {
    throw new GgufFormatError(
      `${what} is an array of ${elementType === TYPE_ARRAY ? "arrays" : `type ${elementType}`}`,
    );
  }
  // Each string takes at least its 8-byte length: a count beyond that cannot be in the file.
  if (count * 8n > BigInt(reader.left)) throw new GgufFormatError(`${what} runs past the end of the file`, true);
  for (let index = 0n; index < count; index++) await reader.skipString(what);
}

/**
 * Walks the header, every metadata entry and the tensor table of a GGUF file, refusing counts and lengths the file
 * cannot hold. Throws GgufFormatError for a file that is not a GGUF v2/v3 file or whose structure overruns it.
 */
export async function checkGgufStructure(filePath: string): Promise<GgufHeader> {
  const handle = await fs.open(filePath, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    const magic = head.subarray(0, Math.min(bytesRead, 4)).toString("latin1");
    if (magic !== "GGUF") {
      throw new GgufFormatError(
        bytesRead < 4 ? "the file is too short" : `it starts with ${JSON.stringify(magic)}, not "GGUF"`,
      );
    }
    if (bytesRead < HEADER_BYTES) throw new GgufFormatError("the header runs past the end of the file", true);
    const version = head.readUInt32LE(4);
    if (version !== 2 && version !== 3) throw new GgufFormatError(`GGUF version ${version} is not supported (2 or 3)`);
    const tensorCount = head.readBigUInt64LE(8);
    const kvCount = head.readBigUInt64LE(16);
    const room = BigInt(size - HEADER_BYTES);
    if (kvCount * BigInt(MIN_KV_BYTES) + tensorCount * BigInt(MIN_TENSOR_BYTES) > room) {
      throw new GgufFormatError(
        `its header claims ${kvCount} metadata entries and ${tensorCount} tensors, more than a file of ${size} bytes can hold`,
      );
    }

    const reader = new BoundedReader(handle, size);
    reader.position = HEADER_BYTES;
    for (let index = 0; index < Number(kvCount); index++) {
      const what = `metadata entry ${index}`;
      await reader.skipString(what);
      await skipValue(reader, await reader.u32(what), what);
    }
    for (let index = 0; index < Number(tensorCount); index++) {
      const what = `tensor ${index}`;
      await reader.skipString(what);
      const dims = await reader.u32(what);
      if (dims > MAX_DIMS) throw new GgufFormatError(`${what} has ${dims} dimensions (at most ${MAX_DIMS})`);
      reader.skip(BigInt(dims * 8 + 4 + 8), what);
    }
    return {
      version,
      tensorCount: Number(tensorCount),
      kvCount: Number(kvCount),
      infoBytes: reader.position,
      sizeBytes: size,
    };
  } finally {
    await handle.close();
  }
}
