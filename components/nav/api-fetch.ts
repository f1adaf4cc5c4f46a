import { keyStore } from "@/lib/client/key-store";

/** A non-2xx answer from our own API, with the server's message (FastAPI-style detail lists are joined). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  detail?: string | { loc?: (string | number)[]; msg?: string }[];
  error?: { message?: string };
}

function messageOf(body: unknown, status: number): string {
  const error = body as ErrorBody | undefined;
  if (Array.isArray(error?.detail)) {
    return error.detail.map((issue) => `${(issue.loc ?? []).slice(1).join(".") || "request"}: ${issue.msg}`).join("; ");
  }
  return error?.error?.message ?? (typeof error?.detail === "string" ? error.detail : `The server answered ${status}.`);
}

/**
 * JSON in, JSON out, against this playground's own API, with the playground access key (x-api-key) when the user
 * gave one. The store pages (logs, deployments, saved keys) all go through here, from react-query.
 */
export async function apiFetch<T>(
  path: string,
  options: { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const { accessKey } = keyStore.getSnapshot();
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (accessKey) headers["x-api-key"] = accessKey;
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, messageOf(data, response.status), data);
  return data as T;
}
