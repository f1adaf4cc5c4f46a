import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getStore } from "@/lib/store";
import { checkShareLimits, shareLimits } from "./share-limits";
import { SNAPSHOT_ID, type Snapshot } from "./snapshot-schema";

/**
 * Immutable share snapshots behind a small interface. The server uses the database store (shared by every instance
 * on one PostgreSQL); the file store (one JSON file per snapshot, written atomically) serves tools and tests.
 */
export interface SnapshotStore {
  /**
   * Stores the snapshot under a new unguessable id and returns it; the database store counts it against `owner`'s
   * quota and rate (share-limits.ts) and throws their 413/429.
   */
  create(content: Omit<Snapshot, "id" | "createdAt">, owner?: string): Promise<Snapshot>;
  /** The snapshot, "expired" past its expiry, or undefined when there is none with that id (a malformed id included). */
  get(id: string): Promise<Snapshot | "expired" | undefined>;
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

/**
 * Snapshots in the database store (SQLite or PostgreSQL), so every app instance serves every short link. Each write
 * first purges what expired, then checks the owner's quota and rate; a read past the expiry deletes the row and says
 * "expired" (the next read is a plain 404).
 */
export function databaseSnapshotStore(): SnapshotStore {
  return {
    async create(content, owner = "open") {
      const store = getStore();
      const now = Date.now();
      const { ttlMs } = shareLimits();
      await store.purgeSnapshots(new Date(now).toISOString(), new Date(now - ttlMs).toISOString());
      const snapshot: Snapshot = { id: newSnapshotId(), createdAt: new Date(now).toISOString(), ...content };
      const size = Buffer.byteLength(JSON.stringify(snapshot));
      const usage = await store.snapshotUsage(owner, new Date(now).toISOString(), new Date(now - 60_000).toISOString());
      checkShareLimits(usage, size, now);
      await store.putSnapshot(snapshot.id, snapshot, { owner, expiresAt: new Date(now + ttlMs).toISOString() });
      return snapshot;
    },
    async get(id) {
      if (!SNAPSHOT_ID.test(id)) return undefined;
      const store = getStore();
      const record = await store.getSnapshotRecord<Snapshot>(id);
      if (!record) return undefined;
      const expiresAt =
        record.expires_at ?? new Date(Date.parse(record.created_at) + shareLimits().ttlMs).toISOString();
      if (expiresAt <= new Date().toISOString()) {
        await store.deleteSnapshot(id);
        return "expired";
      }
      return { ...record.content, expiresAt };
    },
  };
}

const globalStore = globalThis as { __snapshotStore?: SnapshotStore };

export function snapshotStore(): SnapshotStore {
  globalStore.__snapshotStore ??= databaseSnapshotStore();
  return globalStore.__snapshotStore;
}
