/**
 * The in-process llama.cpp engine (node-llama-cpp): one Llama instance, loaded models cached by absolute path, and a
 * small pool of contexts per model so concurrent requests (a compare view runs 4-8 at once) each get their own
 * context sequence, or wait their turn in a FIFO queue, instead of sharing one and interleaving tokens.
 *
 * node-llama-cpp is imported lazily, so importing this module costs nothing until the first local request. State
 * lives on globalThis so Next's dev hot reload does not load the native library or the models twice.
 *
 * Server-only by use; it does not import "server-only" so Vitest can load it.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Llama, LlamaGpuType, LlamaModel } from "node-llama-cpp";
import { logError } from "@/lib/server/log-line";
import { ContextPool } from "./context-pool";
import { checkGgufStructure, GgufFormatError } from "./gguf-header";
import { parseGgufInWorker } from "./gguf-worker";
import { LocalModelError } from "./models";

export { type ContextLease, ContextPool } from "./context-pool";

export type NodeLlamaCpp = typeof import("node-llama-cpp");

export interface LocalEngineConfig {
  /** LOCAL_THREADS (default 1): CPU threads for the whole Llama instance, shared by all contexts. */
  threads: number;
  /** LOCAL_CONTEXT_SIZE (default 512): tokens per context (prompt + output; longer generations shift the window). */
  contextSize: number;
  /** LOCAL_MAX_CONTEXTS (default 2): contexts per model; more concurrent requests wait in a FIFO queue. */
  maxContexts: number;
  /** LOCAL_GPU (default off): "auto", "cuda", "vulkan" or "metal" to let llama.cpp use a GPU. */
  gpu: "auto" | LlamaGpuType;
}

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min ? value : fallback;
}

/** The engine settings from the environment (read on every call; the Llama instance keeps the first ones). */
export function localEngineConfig(): LocalEngineConfig {
  const gpuRaw = process.env.LOCAL_GPU?.trim().toLowerCase();
  const gpu: LocalEngineConfig["gpu"] =
    gpuRaw === "auto" || gpuRaw === "cuda" || gpuRaw === "vulkan" || gpuRaw === "metal" ? gpuRaw : false;
  return {
    threads: intFromEnv("LOCAL_THREADS", 1, 1),
    contextSize: intFromEnv("LOCAL_CONTEXT_SIZE", 512, 16),
    maxContexts: intFromEnv("LOCAL_MAX_CONTEXTS", 2, 1),
    gpu,
  };
}

/** A model loaded in memory, with its context pool. */
export class LoadedLocalModel {
  readonly pool: ContextPool;

  constructor(
    readonly lib: NodeLlamaCpp,
    readonly model: LlamaModel,
    /** The name as requested (file name or absolute path), for messages. */
    readonly name: string,
    readonly path: string,
    /** size:mtime of the file when loaded; a changed file is loaded again. */
    readonly signature: string,
    readonly loadMs: number,
    config: LocalEngineConfig,
  ) {
    this.pool = new ContextPool(model, {
      contextSize: config.contextSize,
      maxContexts: config.maxContexts,
      modelName: name,
    });
  }

  /** The Jinja chat template stored in the GGUF file, if any (a file without one is a base model). */
  get chatTemplate(): string | undefined {
    const template = this.model.fileInfo.metadata.tokenizer?.chat_template;
    return typeof template === "string" && template.trim() !== "" ? template : undefined;
  }

  private unloading: Promise<void> | undefined;

  /** Disposes the model once no request uses it. Idempotent. */
  unload(): Promise<void> {
    this.unloading ??= (async () => {
      await this.pool.close();
      await this.model.dispose().catch(() => undefined);
    })();
    return this.unloading;
  }
}

interface EngineState {
  lib?: Promise<NodeLlamaCpp>;
  llama?: Promise<Llama>;
  /** Keyed by absolute path; a failed load is removed so a fixed file loads later. */
  models: Map<string, Promise<LoadedLocalModel>>;
  /** Recent llama.cpp error log lines, to explain a failed load. */
  recentErrors: { at: number; message: string }[];
}

const STATE_KEY = Symbol.for("llm-playground.local-llama-engine");

function engineState(): EngineState {
  const holder = globalThis as typeof globalThis & { [STATE_KEY]?: EngineState };
  holder[STATE_KEY] ??= { models: new Map(), recentErrors: [] };
  return holder[STATE_KEY];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** node-llama-cpp itself, imported on first use. */
export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  const state = engineState();
  state.lib ??= import("node-llama-cpp").catch((error: unknown) => {
    state.lib = undefined;
    throw new Error(`Local inference is unavailable: node-llama-cpp could not be loaded (${errorMessage(error)}).`, {
      cause: error,
    });
  });
  return state.lib;
}

/** The shared Llama instance (CPU build by default), created on first use with the current LOCAL_* settings. */
export function getLocalLlama(): Promise<Llama> {
  const state = engineState();
  state.llama ??= (async () => {
    const lib = await loadNodeLlamaCpp();
    const config = localEngineConfig();
    return lib.getLlama({
      gpu: config.gpu,
      maxThreads: config.threads,
      logLevel: lib.LlamaLogLevel.error,
      logger(level, message) {
        const text = message.trim();
        if (!text) return;
        state.recentErrors.push({ at: Date.now(), message: text });
        if (state.recentErrors.length > 20) state.recentErrors.shift();
        if (level === lib.LlamaLogLevel.error || level === lib.LlamaLogLevel.fatal)
          logError(`[node-llama-cpp] ${text}`);
      },
      // Never try to compile llama.cpp from source inside a request: use the prebuilt (or a locally built) binary.
      build: "never",
      progressLogs: false,
    });
  })().catch((error: unknown) => {
    state.llama = undefined;
    throw new Error(`Local inference is unavailable: llama.cpp could not start (${errorMessage(error)}).`, {
      cause: error,
    });
  });
  return state.llama;
}

async function fileSignature(filePath: string): Promise<string> {
  const stat = await fs.stat(filePath);
  return `${stat.size}:${stat.mtimeMs}`;
}

/**
 * Refuses a file before node-llama-cpp's parser runs on the main thread: first the bounded walk of its structure
 * (counts and lengths against the file's size), then that parser itself in a worker with a time and a heap limit.
 */
async function checkModelFile(filePath: string, name: string): Promise<void> {
  const refuse = (detail: string) =>
    new LocalModelError(
      "invalid_file",
      `Local model "${name}" could not be loaded: not a valid GGUF file (${detail}).`,
    );
  try {
    await checkGgufStructure(filePath);
  } catch (error) {
    if (!(error instanceof GgufFormatError)) throw error;
    throw refuse(error.truncated ? `truncated or corrupted: ${error.message}` : error.message);
  }
  const parsed = await parseGgufInWorker(filePath);
  if (!parsed.ok) throw refuse(parsed.message);
}

async function loadModel(name: string, filePath: string, signature: string): Promise<LoadedLocalModel> {
  await checkModelFile(filePath, name);
  const llama = await getLocalLlama();
  const lib = await loadNodeLlamaCpp();
  const state = engineState();
  const startedAt = Date.now();
  const started = performance.now();
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: filePath });
  } catch (error) {
    // llama.cpp logs the actual reason (e.g. "tensor ... data is not within the file bounds"); it may arrive a tick later.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = state.recentErrors
      .filter((entry) => entry.at >= startedAt)
      .map((entry) => entry.message)
      .filter((message) =>
        /error loading model|corrupt|bounds|invalid|unknown|unsupported|failed to read/i.test(message),
      );
    const detail = logged[0] ?? errorMessage(error);
    const reason =
      /bounds|corrupt|incomplete|truncat|Cannot read|Failed to load model|unexpected end|out of range/i.test(detail)
        ? "the GGUF file is truncated or corrupted"
        : "llama.cpp rejected the file";
    throw new LocalModelError(
      "invalid_file",
      `Local model "${name}" could not be loaded: ${reason} (${detail.replace(/^llama_model_load: /, "")}).`,
      {
        cause: error,
      },
    );
  }
  return new LoadedLocalModel(lib, model, name, filePath, signature, performance.now() - started, localEngineConfig());
}

/**
 * The loaded model for an absolute file path (loading it on first use; concurrent callers share one load). A file
 * replaced on disk since it was loaded is loaded again, and the old copy is freed once its requests finish.
 * Throws LocalModelError("invalid_file") for a file llama.cpp cannot load; such a file is not cached.
 */
export async function getLocalModel(
  filePath: string,
  name: string = path.basename(filePath),
): Promise<LoadedLocalModel> {
  const absolute = path.resolve(filePath);
  const state = engineState();
  let signature: string;
  try {
    signature = await fileSignature(absolute);
  } catch (error) {
    throw new LocalModelError("not_found", `Local model file ${absolute} not found.`, { cause: error });
  }

  const cached = state.models.get(absolute);
  if (cached) {
    const loaded = await cached.catch(() => undefined);
    if (loaded && loaded.signature === signature && !loaded.model.disposed) return loaded;
    if (state.models.get(absolute) === cached) state.models.delete(absolute);
    if (loaded) void loaded.unload();
    // A load that failed, or a file that changed: try again below (another caller may already have).
    const again = state.models.get(absolute);
    if (again) return again;
  }

  const loading = loadModel(name, absolute, signature);
  state.models.set(absolute, loading);
  loading.catch(() => {
    if (state.models.get(absolute) === loading) state.models.delete(absolute);
  });
  return loading;
}

/** Models currently loaded (for diagnostics). */
export async function loadedLocalModels(): Promise<LoadedLocalModel[]> {
  const settled = await Promise.allSettled(engineState().models.values());
  return settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
}

/**
 * Frees every model and the Llama instance (tests, shutdown). Waits at most `timeoutMs` for the Llama instance:
 * node-llama-cpp 3.21.1 keeps a dispose guard from a model whose native load failed (a truncated file) until that
 * object is garbage-collected, so `llama.dispose()` can wait a long time after such a failure.
 */
export async function disposeLocalEngine({ timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<void> {
  const state = engineState();
  const models = await loadedLocalModels();
  state.models.clear();
  await Promise.all(models.map((model) => model.unload()));
  const llama = state.llama;
  state.llama = undefined;
  const instance = llama ? await llama.catch(() => undefined) : undefined;
  if (!instance) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    instance.dispose().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
}
