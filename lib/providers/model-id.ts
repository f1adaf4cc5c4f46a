/**
 * Model ids reach provider URLs (Vertex `…/models/<id>:streamGenerateContent`, Azure `…/deployments/<id>/…`), so an
 * id like `../../admin/x?` would send the operator's key to another path on the provider's host. Ids are letters,
 * digits and `._:@+-`, with `/` between non-dot segments for providers that keep the id in the body (OpenRouter's
 * `vendor/model`, Fireworks' `accounts/…/models/…`); never `..`, `?`, `#`, `%` (no pre-encoded `%2f`), `\` or spaces.
 */
const SEGMENT = /^[A-Za-z0-9._:@+-]+$/;
export const MAX_MODEL_ID_LENGTH = 256;

/** Why this id is refused, or undefined when it is safe. `inUrl`: the provider puts the id in a URL path. */
export function modelIdProblem(modelId: string, inUrl: boolean): string | undefined {
  if (modelId.length > MAX_MODEL_ID_LENGTH) return `a model id is at most ${MAX_MODEL_ID_LENGTH} characters`;
  const segments = modelId.split("/");
  if (inUrl && segments.length > 1) return "this provider puts the model id in its URL: no '/' allowed";
  for (const segment of segments) {
    if (!SEGMENT.test(segment))
      return "a model id is letters, digits and . _ : @ + - (with '/' between parts for some providers); no ? # % \\ or spaces";
    if (/^\.+$/.test(segment)) return "a model id has no '.' or '..' parts";
  }
  return undefined;
}

/**
 * The id as one URL path segment, for adapters whose SDK builds the URL from it. Refuses an unsafe id (prepare
 * already answered 422 for it) and percent-encodes what remains, so nothing in it can change the path or the query.
 */
export function modelPathSegment(modelId: string): string {
  const problem = modelIdProblem(modelId, true);
  if (problem) throw new Error(`unsafe model id: ${problem}`);
  return encodeURIComponent(modelId).replace(/%3A/g, ":").replace(/%40/g, "@");
}
