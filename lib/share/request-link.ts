import { type CompletionRequestInput, completionRequestSchema } from "@/lib/schema/completion-request";
import { type DecodedShare, decodeShareFragment, encodeShareFragment } from "./share-link";
import { toShareableRequest } from "./shareable-request";

/** A single request as a link fragment: allow-listed on the way out and again on the way in. */
export function encodeRequestFragment(draft: unknown): { fragment: string; dropped: string[] } {
  const { request, dropped } = toShareableRequest(draft);
  return { fragment: encodeShareFragment("request", request), dropped };
}

export function decodeRequestFragment(hash: string): DecodedShare<CompletionRequestInput> {
  return decodeShareFragment(hash, "request", completionRequestSchema, (value) => toShareableRequest(value).request);
}
