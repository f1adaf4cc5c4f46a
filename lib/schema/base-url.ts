/**
 * One spelling per base URL, so a key saved for `https://Gateway.example/v1/` is the key for
 * `https://gateway.example/v1`: the URL parser lowercases scheme and host and drops a default port; we drop trailing
 * slashes and the fragment. Undefined when the text is not an http(s) URL.
 */
export function normalizeBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const userinfo = url.username ? `${url.username}${url.password ? `:${url.password}` : ""}@` : "";
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${userinfo}${url.host}${path}${url.search}`;
}

/** The host a base URL reaches, for warnings ("this request is sent to gateway.example"). */
export function baseUrlHost(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}

/** A base URL as it may appear in a message or on screen: without any user:password part. */
export function displayBaseUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    return url.href.replace(/\/+$/, "");
  } catch {
    return text;
  }
}
