import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_MODEL, LocalModelError, listLocalModels, localModelsDir, resolveLocalModelPath } from "./models";

let dir: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "local-models-"));
  process.env.LOCAL_MODELS_DIR = dir;
  delete process.env.LOCAL_MODEL_AUTO_DOWNLOAD;
});

afterEach(async () => {
  process.env = { ...savedEnv };
  await fs.rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<LocalModelError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LocalModelError);
  return error as LocalModelError;
}

describe("localModelsDir", () => {
  it("defaults to ./models under the working directory", () => {
    delete process.env.LOCAL_MODELS_DIR;
    expect(localModelsDir()).toBe(path.resolve(process.cwd(), "models"));
  });

  it("resolves a relative LOCAL_MODELS_DIR against the working directory", () => {
    process.env.LOCAL_MODELS_DIR = "../shared/models";
    expect(localModelsDir()).toBe(path.resolve(process.cwd(), "../shared/models"));
  });
});

describe("listLocalModels", () => {
  it("lists the .gguf files with their size, sorted by name, and nothing else", async () => {
    await fs.writeFile(path.join(dir, "b.gguf"), Buffer.alloc(10));
    await fs.writeFile(path.join(dir, "a-model.Q4_K_M.gguf"), Buffer.alloc(3));
    await fs.writeFile(path.join(dir, "notes.txt"), "x");
    await fs.mkdir(path.join(dir, "folder.gguf"));
    await fs.writeFile(path.join(dir, "with space.gguf"), "x");

    expect(await listLocalModels()).toEqual([
      { name: "a-model.Q4_K_M.gguf", path: path.join(dir, "a-model.Q4_K_M.gguf"), sizeBytes: 3 },
      { name: "b.gguf", path: path.join(dir, "b.gguf"), sizeBytes: 10 },
    ]);
  });

  it("follows symlinks to model files and skips dangling ones", async () => {
    const target = path.join(dir, "real.bin");
    await fs.writeFile(target, Buffer.alloc(7));
    await fs.symlink(target, path.join(dir, "linked.gguf"));
    await fs.symlink(path.join(dir, "missing.bin"), path.join(dir, "dangling.gguf"));
    expect(await listLocalModels()).toEqual([
      { name: "linked.gguf", path: path.join(dir, "linked.gguf"), sizeBytes: 7 },
    ]);
  });

  it("returns an empty list when the folder is missing", async () => {
    process.env.LOCAL_MODELS_DIR = path.join(dir, "does-not-exist");
    expect(await listLocalModels()).toEqual([]);
  });

  it("finds the shared stories260K model", async () => {
    process.env.LOCAL_MODELS_DIR = savedEnv.LOCAL_MODELS_DIR ?? path.resolve(process.cwd(), "../shared/models");
    const models = await listLocalModels();
    expect(models.map((model) => model.name)).toContain(DEFAULT_LOCAL_MODEL);
    expect(models.find((model) => model.name === DEFAULT_LOCAL_MODEL)?.sizeBytes).toBe(1_185_376);
  });
});

describe("resolveLocalModelPath", () => {
  it("resolves a file name inside the models folder", async () => {
    await fs.writeFile(path.join(dir, "m.gguf"), "GGUF");
    expect(await resolveLocalModelPath("m.gguf")).toBe(path.join(dir, "m.gguf"));
  });

  it("refuses an absolute path unless the operator allows them, on loopback too", async () => {
    await fs.writeFile(path.join(dir, "x.gguf"), "GGUF");
    for (const bind of [undefined, "127.0.0.1", "0.0.0.0"]) {
      if (bind) process.env.PLAYGROUND_BIND_HOST = bind;
      else delete process.env.PLAYGROUND_BIND_HOST;
      delete process.env.LOCAL_ALLOW_ABSOLUTE_PATHS;
      const error = await rejection(resolveLocalModelPath(path.join(dir, "x.gguf")));
      expect(error.code).toBe("invalid_name");
      expect(error.message).toContain("LOCAL_ALLOW_ABSOLUTE_PATHS=1");
    }
  });

  it("accepts an absolute path to a .gguf file when LOCAL_ALLOW_ABSOLUTE_PATHS=1", async () => {
    process.env.LOCAL_ALLOW_ABSOLUTE_PATHS = "1";
    const other = path.join(dir, "sub");
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, "x.gguf"), "GGUF");
    expect(await resolveLocalModelPath(path.join(other, "x.gguf"))).toBe(path.join(other, "x.gguf"));
  });

  it("says where to put a missing model", async () => {
    const error = await rejection(resolveLocalModelPath("stories260K.gguf"));
    expect(error.code).toBe("not_found");
    expect(error.message).toBe(
      `Local model "stories260K.gguf" not found in ${dir}. Put the GGUF file there, or set LOCAL_MODELS_DIR.`,
    );
  });

  it("reports a missing absolute path", async () => {
    process.env.LOCAL_ALLOW_ABSOLUTE_PATHS = "1";
    const error = await rejection(resolveLocalModelPath(path.join(dir, "nope.gguf")));
    expect(error.code).toBe("not_found");
    expect(error.message).toContain(path.join(dir, "nope.gguf"));
  });

  it.each(["../../etc/passwd", "../x.gguf", "sub/x.gguf", "x.bin", "/etc/passwd", "", ".gguf", "x.gguf\0.gguf"])(
    "rejects the name %j",
    async (name) => {
      const error = await rejection(resolveLocalModelPath(name));
      expect(error.code).toBe("invalid_name");
      expect(error.message).toContain(dir);
    },
  );

  it("rejects a folder named like a model", async () => {
    await fs.mkdir(path.join(dir, "folder.gguf"));
    const error = await rejection(resolveLocalModelPath("folder.gguf"));
    expect(error.code).toBe("invalid_file");
  });
});
