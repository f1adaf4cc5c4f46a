import { z } from "zod";
import { toShareableComparison } from "@/lib/compare/compare-link";
import { type CompareState, compareStateSchema } from "@/lib/compare/compare-state";
import { type CompletionRequestInput, completionRequestSchema } from "@/lib/schema/completion-request";
import { toShareableRequest } from "./shareable-request";
import { stripSecrets } from "./strip-secrets";

/**
 * A short link's snapshot: a request or a whole comparison, optionally with the run's output and metrics.
 * Isomorphic: POST /api/share validates the body with it, the page validates what GET returns.
 */

/** Serialized snapshots larger than this are refused (413): a short link is for sharing, not for storage. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024;

/** 128 random bits, base64url: 22 characters. Anything else is not an id (and never reaches the file system). */
export const SNAPSHOT_ID = /^[A-Za-z0-9_-]{22}$/;

const outputSchema = z.object({
  text: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).optional(),
  /** For a comparison: the text of each column, by column id. */
  columns: z.record(z.string(), z.string()).optional(),
});

const metricsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

export const snapshotInputSchema = z
  .object({
    request: completionRequestSchema.optional(),
    comparison: compareStateSchema.optional(),
    output: outputSchema.optional(),
    metrics: metricsSchema.optional(),
  })
  .refine((value) => (value.request === undefined) !== (value.comparison === undefined), {
    message: "Send exactly one of request or comparison.",
  });

export type SnapshotInput = z.input<typeof snapshotInputSchema>;

export interface Snapshot {
  id: string;
  createdAt: string;
  /** When the link stops working (SHARE_TTL_DAYS after createdAt); set on read by the database store. */
  expiresAt?: string;
  request?: CompletionRequestInput;
  comparison?: CompareState;
  output?: z.infer<typeof outputSchema>;
  metrics?: z.infer<typeof metricsSchema>;
}

/**
 * What is stored of a valid input: the allow-listed request or comparison (the server strips keys too, whatever
 * the client did), plus output and metrics as validated, without secret-named fields at any depth.
 */
export function sanitizeSnapshotInput(input: SnapshotInput): Omit<Snapshot, "id" | "createdAt"> {
  const parsed = snapshotInputSchema.parse(input);
  // Secret-named fields go at any depth (headers.Authorization in metadata, an api_key in a tool's config...).
  return stripSecrets({
    ...(input.request ? { request: toShareableRequest(input.request).request } : {}),
    ...(input.comparison ? { comparison: toShareableComparison(input.comparison).comparison } : {}),
    ...(parsed.output ? { output: parsed.output } : {}),
    ...(parsed.metrics ? { metrics: parsed.metrics } : {}),
  });
}

export const snapshotSchema = snapshotInputSchema.and(z.object({ id: z.string(), createdAt: z.string() }));
