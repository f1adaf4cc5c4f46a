/**
 * Where local GGUF models live and how a model name becomes a file path.
 *
 * Server-only by use (reads the file system); it does not import "server-only" so Vitest can load it.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

/** The model the provider offers by default: llama2.c's 260K-parameter TinyStories model (no chat template). */
export const DEFAULT_LOCAL_MODEL = "stories260K.gguf";

/** Where `LOCAL_MODEL_AUTO_DOWNLOAD=1` fetches the default model from (the file llama.cpp's own CI uses). */
export const DEFAULT_LOCAL_MODEL_URL =
  "https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf";

export type LocalModelErrorCode = "not_found" | "invalid_name" | "invalid_file";

/** A local model that cannot be used; the message says what to do about it and is safe to show. */
export class LocalModelError extends Error {
  constructor(
    readonly code: LocalModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LocalModelError";
  }
}

export interface LocalModelFile {
  /** File name inside the models folder, the id to pass as the model. */
  name: string;
  /** Absolute path. */
  path: string;
  sizeBytes: number;
}

/** A bare model file name: letters, digits, `_`, `.`, `-`, ending in `.gguf` (no separators, so no traversal). */
const MODEL_FILE_NAME = /^[\w.-]+\.gguf$/i;

/** The models folder: `LOCAL_MODELS_DIR` (resolved against the working directory), else `./models`. */
export function localModelsDir(): string {
  const configured = process.env.LOCAL_MODELS_DIR?.trim();
  return path.resolve(process.cwd(), configured ? configured : "models");
}

/**
 * Absolute paths let a caller probe the server's disk for files and load any file as a model, so they are off unless
 * the operator turns them on (LOCAL_ALLOW_ABSOLUTE_PATHS=1); listening on loopback is no reason: a web page or
 * another local user reaches loopback too.
 */
function absolutePathsAllowed(): boolean {
  return process.env.LOCAL_ALLOW_ABSOLUTE_PATHS === "1";
}

/**
 * The absolute path of a model: a bare `.gguf` file name inside the models folder, or an absolute path to a `.gguf`
 * file. Throws LocalModelError("invalid_name") for anything else (relative paths, `..`, other extensions) and
 * LocalModelError("not_found") when the file is not there.
 */
export async function resolveLocalModelPath(modelName: string): Promise<string> {
  const dir = localModelsDir();
  const name = modelName.trim();
  let filePath: string;
  if (MODEL_FILE_NAME.test(name)) {
    filePath = path.join(dir, name);
  } else if (path.isAbsolute(name) && name.toLowerCase().endsWith(".gguf") && !name.includes("\0")) {
    if (!absolutePathsAllowed()) {
      throw new LocalModelError(
        "invalid_name",
        `Absolute model paths are off on this server; put the file in the models folder (${dir}) and use its name, or set LOCAL_ALLOW_ABSOLUTE_PATHS=1.`,
      );
    }
    filePath = path.normalize(name);
  } else {
    throw new LocalModelError(
      "invalid_name",
      `Invalid local model name "${modelName}": use the file name of a .gguf file in ${dir} (letters, digits, ".", "_", "-" only)${absolutePathsAllowed() ? ", or an absolute path to a .gguf file" : ""}.`,
    );
  }

  let stat: Awaited<ReturnType<typeof fs.stat>> | undefined;
  try {
    stat = await fs.stat(filePath);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    if (name === DEFAULT_LOCAL_MODEL && process.env.LOCAL_MODEL_AUTO_DOWNLOAD === "1") {
      return downloadDefaultModel(dir);
    }
    throw notFound(name, filePath, dir);
  }
  if (!stat.isFile()) {
    throw new LocalModelError("invalid_file", `Local model "${name}" at ${filePath} is not a file.`);
  }
  return filePath;
}

function notFound(name: string, filePath: string, dir: string): LocalModelError {
  if (path.isAbsolute(name)) {
    return new LocalModelError(
      "not_found",
      `Local model file ${filePath} not found. Check the path, or put the GGUF file in ${dir} and use its file name.`,
    );
  }
  return new LocalModelError(
    "not_found",
    `Local model "${name}" not found in ${dir}. Put the GGUF file there, or set LOCAL_MODELS_DIR.`,
  );
}

/** The `.gguf` files in the models folder, sorted by name (an empty list when the folder is missing). */
export async function listLocalModels(): Promise<LocalModelFile[]> {
  const dir = localModelsDir();
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const models: LocalModelFile[] = [];
  for (const entry of entries) {
    if (!MODEL_FILE_NAME.test(entry.name)) continue;
    const filePath = path.join(dir, entry.name);
    try {
      // stat (not the dirent) so a symlink to a model file counts, and its size is the target's.
      const stat = await fs.stat(filePath);
      if (stat.isFile()) models.push({ name: entry.name, path: filePath, sizeBytes: stat.size });
    } catch {
      // A dangling symlink or a file removed meanwhile: not a model.
    }
  }
  return models.sort((a, b) => a.name.localeCompare(b.name));
}

/** Only with LOCAL_MODEL_AUTO_DOWNLOAD=1: fetch the default model into the models folder (one download at a time). */
let download: Promise<string> | undefined;
async function downloadDefaultModel(dir: string): Promise<string> {
  download ??= (async () => {
    try {
      await fs.mkdir(dir, { recursive: true });
      const { resolveModelFile } = await import("node-llama-cpp");
      let lastPercent = -1;
      console.log(`[local] downloading ${DEFAULT_LOCAL_MODEL} into ${dir} (LOCAL_MODEL_AUTO_DOWNLOAD=1)`);
      const filePath = await resolveModelFile(DEFAULT_LOCAL_MODEL_URL, {
        directory: dir,
        fileName: DEFAULT_LOCAL_MODEL,
        cli: false,
        onProgress({ totalSize, downloadedSize }) {
          const percent = totalSize > 0 ? Math.floor((downloadedSize / totalSize) * 10) * 10 : 0;
          if (percent !== lastPercent) {
            lastPercent = percent;
            console.log(`[local] ${DEFAULT_LOCAL_MODEL}: ${percent}% of ${totalSize} bytes`);
          }
        },
      });
      return filePath;
    } catch (error) {
      throw new LocalModelError(
        "not_found",
        `Local model "${DEFAULT_LOCAL_MODEL}" not found in ${dir} and the download failed (${error instanceof Error ? error.message : String(error)}). Put the GGUF file there, or set LOCAL_MODELS_DIR.`,
        { cause: error },
      );
    } finally {
      download = undefined;
    }
  })();
  return download;
}
