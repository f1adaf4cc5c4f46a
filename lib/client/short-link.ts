import type { SnapshotInput } from "@/lib/share/snapshot-schema";
import { keyStore } from "./key-store";

/** POST /api/share: stores an immutable snapshot on the server and answers its short URL. */
export async function createShortLink(snapshot: SnapshotInput): Promise<{ url: string } | { error: string }> {
  try {
    const { accessKey } = keyStore.getSnapshot();
    const response = await fetch("/api/share", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(accessKey ? { "x-api-key": accessKey } : {}) },
      body: JSON.stringify(snapshot),
    });
    const body = (await response.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
    if (!response.ok || !body.url) return { error: body.error?.message ?? `The server answered ${response.status}.` };
    return { url: body.url };
  } catch {
    return { error: "The server could not be reached." };
  }
}

/** The clipboard may be refused (permissions, an insecure origin): the caller then shows the text to copy. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
