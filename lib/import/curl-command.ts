import { splitShellWords } from "./shell-words";

/** What a curl command sends: enough to import an API call (method, URL, headers, body). */
export interface CurlRequest {
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body?: string;
  /** Options that do not change what is sent (or that we cannot follow), for the report. */
  ignored: string[];
}

export type CurlParse = { ok: true; curl: CurlRequest } | { ok: false; error: string };

const DATA_OPTIONS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"]);
/** Options that take a value we do not need. */
const VALUE_OPTIONS = new Set([
  "-o",
  "--output",
  "-m",
  "--max-time",
  "--connect-timeout",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "-b",
  "--cookie",
  "-x",
  "--proxy",
  "--retry",
  "-w",
  "--write-out",
  "--cacert",
  "--cert",
  "--key",
]);

/** Parses a pasted `curl …` command (bash syntax, as docs and browsers print it). */
export function parseCurlCommand(text: string): CurlParse {
  const { words, unterminated } = splitShellWords(text.trim());
  if (unterminated) return { ok: false, error: "A quote is never closed: was the command cut short?" };
  if (words[0] !== "curl") return { ok: false, error: "This is not a curl command (it should start with curl)." };
  const curl: CurlRequest = { method: "", url: "", headers: [], ignored: [] };
  const bodies: string[] = [];
  for (let index = 1; index < words.length; index++) {
    const word = words[index] as string;
    const [flag, inline] = word.startsWith("--") && word.includes("=") ? splitOnce(word, "=") : [word, undefined];
    const value = () => inline ?? words[++index] ?? "";
    if (flag === "-X" || flag === "--request") curl.method = value().toUpperCase();
    else if (flag.startsWith("-X") && flag.length > 2 && !flag.startsWith("--")) curl.method = flag.slice(2);
    else if (flag === "-H" || flag === "--header") {
      const [name, headerValue = ""] = splitOnce(value(), ":");
      curl.headers.push({ name: name.trim(), value: headerValue.trim() });
    } else if (DATA_OPTIONS.has(flag)) {
      const data = value();
      if (data.startsWith("@") && flag !== "--data-raw") {
        return { ok: false, error: `The body is read from a file (${data}): paste the JSON body itself instead.` };
      }
      bodies.push(data);
      if (flag === "--json") curl.headers.push({ name: "Content-Type", value: "application/json" });
    } else if (flag === "--url") curl.url = value();
    else if (flag === "-u" || flag === "--user") {
      value();
      curl.ignored.push("--user (credentials are not imported)");
    } else if (VALUE_OPTIONS.has(flag)) {
      value();
      curl.ignored.push(flag);
    } else if (flag.startsWith("-")) {
      if (!["-N", "--no-buffer", "-s", "--silent", "-S", "--show-error", "-L", "--location"].includes(flag)) {
        curl.ignored.push(flag);
      }
    } else if (!curl.url) curl.url = word;
    else curl.ignored.push(word);
  }
  if (!curl.url) return { ok: false, error: "The curl command has no URL." };
  if (bodies.length > 0) curl.body = bodies.join("&");
  curl.method ||= bodies.length > 0 ? "POST" : "GET";
  return { ok: true, curl };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

export function headerValue(curl: CurlRequest, name: string): string | undefined {
  return curl.headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}
