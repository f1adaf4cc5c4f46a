import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHostile } from "@/e2e/hostile/server.mjs";
import { CompletionError } from "@/lib/completion/errors";
import { callerBaseUrlFetch } from "./base-url-fetch";

let hostile: Awaited<ReturnType<typeof startHostile>>;
beforeAll(async () => {
  hostile = await startHostile();
});
afterAll(() => hostile.close());

async function failure(promise: Promise<unknown>): Promise<CompletionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CompletionError) return error;
    throw error;
  }
  throw new Error("expected a CompletionError");
}

describe("callerBaseUrlFetch", () => {
  it.each([301, 302, 303, 307, 308])("does not follow a %i and never reads the target", async (status) => {
    const before = hostile.requests.length;
    const error = await failure(
      callerBaseUrlFetch("loopback")(`${hostile.url}/redirect-${status}/v1/chat/completions`, {
        method: "POST",
        body: "{}",
      }),
    );
    expect(error.type).toBe("upstream_redirect");
    expect(error.message).toContain(`answered ${status}`);
    expect(error.message).toContain("redirects are not followed");
    expect(error.message).not.toContain("HOSTILE-SECRET-BODY");
    // The redirect was received once; nothing went on to /__secret (control routes are not recorded, so count).
    expect(hostile.requests.length).toBe(before + 1);
  });

  it("checks the address at connect time: a name that resolves to loopback is refused under policy public", async () => {
    const url = `${hostile.url.replace("127.0.0.1", "localhost")}/echo/v1/chat/completions`;
    const error = await failure(callerBaseUrlFetch("public")(url, { method: "POST", body: "{}" }));
    expect(error.type).toBe("forbidden_base_url");
    expect(error.message).toMatch(/loopback address/);
  });

  it("connects to an allowed address", async () => {
    const url = `${hostile.url.replace("127.0.0.1", "localhost")}/echo/v1/chat/completions`;
    const response = await callerBaseUrlFetch("loopback")(url, { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    await response.text();
  });
});
