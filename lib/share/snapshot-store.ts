import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getStore } from "@/lib/store";
import { SNAPSHOT_ID, type Snapshot } from "./snapshot-schema";

/**
 * Immutable share snapshots behind a small interface. The server uses the database store (shared by every instance
 * on one PostgreSQL); the file store (one JSON file per snapshot, written atomically) serves tools and tests.
 */
export interface SnapshotStore {
  /** Stores the snapshot under a new unguessable id and returns it. */
  create(content: Omit<Snapshot, "id" | "createdAt">): Promise<Snapshot>;
  /** The snapshot, or undefined when there is none with that id (a malformed id included). */
  get(id: string): Promise<Snapshot | undefined>;
}

/** 128 bits from the OS's CSPRNG, url-safe: a link cannot be guessed or enumerated. */
export function newSnapshotId(): string {
  return randomBytes(16).toString("base64url");
}

export function fileSnapshotStore(directory: string): SnapshotStore {
  const fileOf = (id: string) => path.join(directory, `${id}.json`);
  return {
    async create(content) {
      await mkdir(directory, { recursive: true });
      const snapshot: Snapshot = { id: newSnapshotId(), createdAt: new Date().toISOString(), ...content };
      // Write a temporary file then rename: a reader never sees half a snapshot, a crash leaves no partial file
      // under the real name.
      const temporary = path.join(directory, `.${snapshot.id}.${randomBytes(4).toString("hex")}.tmp`);
      await writeFile(temporary, JSON.stringify(snapshot), { encoding: "utf8", flag: "wx", mode: 0o600 });
      await rename(temporary, fileOf(snapshot.id));
      return snapshot;
    },
    async get(id) {
      if (!SNAPSHOT_ID.test(id)) return undefined;
      try {
        return JSON.parse(await readFile(fileOf(id), "utf8")) as Snapshot;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}

/** Snapshots in the database store (SQLite or PostgreSQL), so every app instance serves every short link. */
export function databaseSnapshotStore(): SnapshotStore {
  return {
    async create(content) {
      const snapshot: Snapshot = { id: newSnapshotId(), createdAt: new Date().toISOString(), ...content };
      await getStore().putSnapshot(snapshot.id, snapshot);
      return snapshot;
    },
    async get(id) {
      if (!SNAPSHOT_ID.test(id)) return undefined;
      return getStore().getSnapshot<Snapshot>(id);
    },
  };
}

const globalStore = globalThis as { __snapshotStore?: SnapshotStore };

export function snapshotStore(): SnapshotStore {
  globalStore.__snapshotStore ??= databaseSnapshotStore();
  return globalStore.__snapshotStore;
}
