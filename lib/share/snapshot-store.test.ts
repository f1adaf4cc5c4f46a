import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { createSnapshot, readSnapshot } from "./share-handlers";
import { SNAPSHOT_ID } from "./snapshot-schema";
import { fileSnapshotStore, newSnapshotId } from "./snapshot-store";

const directories: string[] = [];
async function store() {
  const directory = await mkdtemp(path.join(tmpdir(), "snapshots-"));
  directories.push(directory);
  return { directory, store: fileSnapshotStore(path.join(directory, "snapshots")) };
}
afterAll(() => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))));

function post(body: unknown) {
  return new Request("http://127.0.0.1:3000/api/share", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("snapshots", () => {
  it("have 128-bit url-safe ids", () => {
    const ids = new Set(Array.from({ length: 200 }, newSnapshotId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(SNAPSHOT_ID);
  });

  it("are written whole under their id and read back; unknown and malformed ids are nothing", async () => {
    const { directory, store: snapshots } = await store();
    const created = await snapshots.create({ request: SEED_REQUEST, output: { text: "hi" } });
    expect(await snapshots.get(created.id)).toEqual(created);
    expect(await readdir(path.join(directory, "snapshots"))).toEqual([`${created.id}.json`]);
    expect(await snapshots.get(newSnapshotId())).toBeUndefined();
    expect(await snapshots.get("../../etc/passwd")).toBeUndefined();
  });

  it("POST strips the key server-side, GET answers the same snapshot", async () => {
    const { directory, store: snapshots } = await store();
    const response = await createSnapshot(
      post({ request: { ...SEED_REQUEST, provider_api_key: "sk-posted-by-mistake" }, metrics: { cost: 0.1 } }),
      snapshots,
    );
    expect(response.status).toBe(201);
    const { id, url } = (await response.json()) as { id: string; url: string };
    expect(url).toBe(`http://127.0.0.1:3000/?s=${id}`);
    const [file] = await readdir(path.join(directory, "snapshots"));
    expect(await readFile(path.join(directory, "snapshots", file as string), "utf8")).not.toContain("sk-posted");

    const read = await readSnapshot(new Request(`http://127.0.0.1:3000/api/share/${id}`), id, snapshots);
    expect(read.status).toBe(200);
    const snapshot = (await read.json()) as { request: unknown; metrics: unknown };
    // Exactly what was sent, allow-listed: no defaults filled in, no key, no unknown field.
    const { model: _unknown, ...params } = SEED_REQUEST.llm_configuration.model_params;
    expect(snapshot.request).toEqual({
      ...SEED_REQUEST,
      llm_configuration: { ...SEED_REQUEST.llm_configuration, model_params: params },
    });
    expect(snapshot.metrics).toEqual({ cost: 0.1 });
    expect((await readSnapshot(new Request("http://x/api/share/nope"), "nope", snapshots)).status).toBe(404);
  });

  it("POST refuses an invalid or oversized body", async () => {
    const { store: snapshots } = await store();
    expect(
      (await createSnapshot(post({ request: { llm_configuration: { model_params: { temp: 5 } } } }), snapshots)).status,
    ).toBe(422);
    expect((await createSnapshot(post({ output: { text: "no request" } }), snapshots)).status).toBe(422);
    const huge = { request: { ...SEED_REQUEST, metadata: { blob: "x".repeat(600 * 1024) } } };
    expect((await createSnapshot(post(huge), snapshots)).status).toBe(413);
  });
});
