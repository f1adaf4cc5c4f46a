/**
 * Drops secret-named properties at any depth (`headers.Authorization`, `metadata.api_key`, `x-api-key` in a tool's
 * config...) from what the server stores for others to read: deployments and share snapshots. Names are compared
 * case-insensitively with `-` read as `_`, against a list plus a few suffixes (`*_api_key`, `*_secret`, `*_password`,
 * `*_access_token`; not `eos_token` or `max_tokens`). A secret-named property that holds an object is kept and searched (a JSON Schema
 * property called `password` describes a field, it holds no secret); any other value under such a name is dropped.
 * Isomorphic: no Node APIs.
 */
const SECRET_NAMES = new Set([
  "authorization",
  "proxy_authorization",
  "cookie",
  "set_cookie",
  "api_key",
  "apikey",
  "x_api_key",
  "x_goog_api_key",
  "provider_api_key",
  "password",
  "passwd",
  "secret",
  "client_secret",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "auth_token",
  "bearer",
  "private_key",
  "session_token",
  "aws_secret_access_key",
]);
const SECRET_SUFFIX =
  /_(?:api_?key|secret|password|passwd|private_key|access_key|access_token|auth_token|refresh_token|api_token|session_token)$/;

export function isSecretName(name: string): boolean {
  const normal = name.toLowerCase().replace(/-/g, "_");
  return SECRET_NAMES.has(normal) || SECRET_SUFFIX.test(normal);
}

/** A copy of `value` without secret-named properties; `dropped` gets their dotted paths (never the values). */
export function stripSecrets<T>(value: T, dropped: string[] = []): T {
  const visit = (node: unknown, at: string, depth: number): unknown => {
    // Stored values are JSON parsed from a bounded body; the depth guard only keeps a hostile object from recursing.
    if (depth > 256) return null;
    if (Array.isArray(node)) return node.map((item, index) => visit(item, `${at}[${index}]`, depth + 1));
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const path = at ? `${at}.${key}` : key;
      const isObject = typeof child === "object" && child !== null && !Array.isArray(child);
      if (isSecretName(key) && !isObject && child !== null && child !== undefined && child !== "") {
        dropped.push(path);
        continue;
      }
      out[key] = visit(child, path, depth + 1);
    }
    return out;
  };
  return visit(value, "", 0) as T;
}
