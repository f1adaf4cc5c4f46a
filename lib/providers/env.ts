/** Reads an env var at call time (tests and operators change them without a rebuild); empty counts as unset. */
export function env(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The base URL for a request: the user's (already SSRF-checked), else the operator's env override, else the SDK default. */
export function baseUrl(given: string | undefined, envName: string | undefined, fallback?: string): string | undefined {
  return given ?? env(envName) ?? fallback;
}
