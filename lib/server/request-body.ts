import "server-only";
import { CompletionError, validationError } from "@/lib/completion/errors";
import { findTooDeep, MAX_JSON_DEPTH } from "@/lib/schema/json-depth";

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

function maxBodyBytes(): number {
  const configured = Number(process.env.MAX_BODY_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_BODY_BYTES;
}

/** Reads a JSON body with its own clear 4xx for each way it can be wrong; never throws anything but CompletionError. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new CompletionError(
      415,
      "invalid_request",
      `Content-Type must be application/json (got ${contentType ? `"${contentType.slice(0, 80)}"` : "none"}).`,
    );
  }
  const limit = maxBodyBytes();
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "")
    throw new CompletionError(400, "invalid_request", "The request body is empty; send a JSON object.");
  const tooDeep = findTooDeep(text);
  if (tooDeep) {
    throw validationError([
      {
        loc: ["body", ...tooDeep],
        msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
        type: "too_deep",
      },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CompletionError(400, "invalid_request", `Malformed JSON: ${(error as Error).message}.`);
  }
}

function tooLarge(limit: number): CompletionError {
  return new CompletionError(
    413,
    "invalid_request",
    `The request body is larger than ${limit} bytes (MAX_BODY_BYTES).`,
  );
}
