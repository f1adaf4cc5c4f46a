/**
 * The fast path's seam. The AI SDK builds and sends the provider request (URL, headers, body mapping) and turns
 * error responses into APICallError, which is what it is best at; for a successful event stream this fetch keeps
 * the raw body for our batch parser and hands the SDK an empty one. A CPU profile showed the SDK's per-event stream
 * hops and per-chunk schema validation costing ~5x the upstream's own time on a fast stream.
 */
export interface CapturedFetch {
  fetch: typeof globalThis.fetch;
  /** The successful streaming response, once the SDK's request got one. */
  response(): Response | undefined;
}

export function captureStreamingFetch(base: typeof globalThis.fetch = globalThis.fetch): CapturedFetch {
  let captured: Response | undefined;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await base(input, init);
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !response.body || !type.includes("text/event-stream")) return response;
    captured = response;
    const empty = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    return new Response(empty, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch, response: () => captured };
}
