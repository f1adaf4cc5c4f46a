import http from "node:http";
import { expect, test } from "@playwright/test";
import { startAppInstance } from "./app-instance";

/**
 * DNS rebinding and cross-site writes (issue 9, point 7): a page on evil.example that re-resolved its name to
 * 127.0.0.1 sends `Host: evil.example`; a page on another site posting to us sends its Origin. Both are refused
 * before any route runs; Parea's SDK (no Origin) and the playground itself (same origin) are not.
 */
interface RawResponse {
  status: number;
  body: string;
}

function raw(
  baseURL: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname: url.hostname, port: url.port, method, path, headers: { connection: "close", ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (piece) => (text += piece));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const json = { "content-type": "application/json" };
const projectBody = JSON.stringify({ name: "security-host" });

test.describe("Host", () => {
  test("a foreign Host is refused with a 421 naming ALLOWED_HOSTS, on API routes (GET and POST) and pages", async ({
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    const cases: [string, string, string | undefined][] = [
      ["GET", "/api/logs", undefined],
      ["GET", "/api/keys", undefined],
      ["GET", "/api/health", undefined],
      ["DELETE", "/api/cache", undefined],
      ["POST", "/api/parea/v1/project", projectBody],
      ["POST", "/api/parea/v1/completion/stream", "{}"],
      ["GET", "/", undefined],
      ["GET", "/logs", undefined],
    ];
    for (const host of ["evil.example", `evil.example:${port}`, `localhost.evil.example:${port}`]) {
      for (const [method, path, body] of cases) {
        const response = await raw(baseURL!, method, path, { ...json, host }, body);
        expect(response.status, `${method} ${path} Host: ${host}`).toBe(421);
        const error = JSON.parse(response.body) as { error: { type: string; message: string; setting: string } };
        expect(error.error.type).toBe("host_not_allowed");
        expect(error.error.message).toContain("ALLOWED_HOSTS");
        expect(error.error.setting).toBe("ALLOWED_HOSTS");
      }
    }
  });

  test("IP literals and loopback names are answered", async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "localhost", `[::1]:${port}`, "app.localhost"]) {
      expect((await raw(baseURL!, "GET", "/api/logs", { host })).status, host).toBe(200);
      expect((await raw(baseURL!, "POST", "/api/parea/v1/project", { ...json, host }, projectBody)).status).toBe(200);
    }
  });

  test("a name in ALLOWED_HOSTS is answered, read at run time", async () => {
    const app = await startAppInstance({ ALLOWED_HOSTS: "play.example.test, *.team.example.test", LOCAL_PREWARM: "0" });
    try {
      for (const host of ["play.example.test", "PLAY.example.test:443", "a.team.example.test"]) {
        expect((await raw(app.url, "GET", "/api/logs", { host })).status, host).toBe(200);
      }
      expect((await raw(app.url, "GET", "/api/logs", { host: "evil.example" })).status).toBe(421);
      // A reverse proxy that rewrites Host: the public origin may still write.
      const behindProxy = await raw(
        app.url,
        "POST",
        "/api/parea/v1/project",
        { ...json, origin: "https://play.example.test" },
        projectBody,
      );
      expect(behindProxy.status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

test.describe("cross-site writes", () => {
  test("a POST, PUT or DELETE from another Origin, or marked cross-site, is a 403 and changes nothing", async ({
    baseURL,
  }) => {
    const writes: [string, string, string | undefined][] = [
      ["POST", "/api/parea/v1/project", projectBody],
      ["POST", "/api/parea/v1/completion", "{}"],
      ["POST", "/api/share", "{}"],
      ["PUT", "/api/keys/openai", JSON.stringify({ key: "sk-not-a-real-key-000" })],
      ["DELETE", "/api/keys/openai", undefined],
      ["DELETE", "/api/cache", undefined],
    ];
    const port = new URL(baseURL!).port;
    const foreign: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: `http://evil.example:${port}` },
      { origin: "http://127.0.0.1:1" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const [method, path, body] of writes) {
      for (const headers of foreign) {
        const response = await raw(baseURL!, method, path, { ...json, ...headers }, body);
        expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
        const error = JSON.parse(response.body) as { error: { type: string } };
        expect(error.error.type).toBe("cross_site_request");
      }
    }
  });

  test("same-origin and Origin-less writes (the playground, curl, Parea's SDK) go through; reads ignore Origin", async ({
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const sameOrigin = { ...json, origin, "sec-fetch-site": "same-origin" };
    expect((await raw(baseURL!, "POST", "/api/parea/v1/project", sameOrigin, projectBody)).status).toBe(200);
    expect((await raw(baseURL!, "POST", "/api/parea/v1/project", json, projectBody)).status).toBe(200);
    const crossRead = { origin: "http://evil.example", "sec-fetch-site": "cross-site" };
    expect((await raw(baseURL!, "GET", "/api/health", crossRead)).status).toBe(200);
  });
});
