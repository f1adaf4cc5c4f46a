import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppInstance, startAppInstance } from "./app-instance";
import { COMPLETION_PATH, parseStream, postRaw, STREAM_PATH } from "./support";

/**
 * Issue 9 points 1, 2, 3: the operator's env keys and the caller's saved keys never follow a base URL the request (or
 * a deployment) chose, and a base URL the caller chose is fetched without redirects. A hostile loopback "provider"
 * echoes whatever credentials reach it; two app instances hold env keys, one open, one with PLAYGROUND_API_KEYS.
 */
const ENV_OPENAI = "test-env-openai-operator-7a7a7a";
const ENV_ANTHROPIC = "test-env-anthropic-operator-8b8b8b";
const SAVED = "test-saved-caller-unscoped-9c9c9c";
const REQUEST_KEY = "test-request-own-key-1d1d1d";
const OPERATOR_KEY = "operator-api-key-security";
const SECRETS = [ENV_OPENAI, ENV_ANTHROPIC, SAVED];

// Imported dynamically: the module has a top-level await (its CLI entry), which Playwright's require() refuses.
type HostileModule = typeof import("../hostile/server.mjs");
type Hostile = Awaited<ReturnType<HostileModule["startHostile"]>>;
let SECRET_BODY = "";
let hostile: Hostile;
const apps: Record<"open" | "auth", AppInstance | undefined> = { open: undefined, auth: undefined };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const module: HostileModule = await import("../hostile/server.mjs");
  SECRET_BODY = module.SECRET_BODY;
  hostile = await module.startHostile();
  const env = (extra: Record<string, string>) => ({
    OPENAI_API_KEY: ENV_OPENAI,
    ANTHROPIC_API_KEY: ENV_ANTHROPIC,
    BASE_URL_ALLOW: "loopback",
    KEYS_SECRET: "security-keys-secret",
    UPSTREAM_TIMEOUT_MS: "5000",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "security-keys-")),
    ...extra,
  });
  [apps.open, apps.auth] = await Promise.all([
    startAppInstance(env({})),
    startAppInstance(env({ PLAYGROUND_API_KEYS: OPERATOR_KEY })),
  ]);
});
test.afterAll(async () => {
  await Promise.all([apps.open?.stop(), apps.auth?.stop(), hostile?.close()]);
});

const MODES = [
  { name: "open mode", app: () => apps.open as AppInstance, headers: {} as Record<string, string> },
  { name: "PLAYGROUND_API_KEYS", app: () => apps.auth as AppInstance, headers: { "x-api-key": OPERATOR_KEY } },
];
const PROVIDERS = [
  { provider: "openai", model: "gpt-4o-mini", envKey: ENV_OPENAI },
  { provider: "anthropic", model: "claude-3-5-haiku-latest", envKey: ENV_ANTHROPIC },
] as const;

function body(provider: string, model: string, configuration: Record<string, unknown>, extra = {}) {
  return {
    cache: false,
    ...extra,
    llm_configuration: { provider, model, messages: [{ role: "user", content: "hi" }], ...configuration },
  };
}

/** Every credential header the hostile server received, from any request. */
function credentialsSeen(): string {
  return JSON.stringify(
    hostile.requests.map((request) =>
      ["authorization", "x-api-key", "api-key"].map((name) => request.headers[name] ?? ""),
    ),
  );
}

function expectNoSecretLeaked() {
  const seen = credentialsSeen();
  for (const secret of SECRETS) expect(seen).not.toContain(secret);
}

for (const mode of MODES) {
  for (const { provider, model, envKey } of PROVIDERS) {
    test(`${mode.name}, ${provider}: env and saved keys never reach a base URL the request chose`, async ({
      request,
    }) => {
      const app = mode.app();
      const saved = await request.put(`${app.url}/api/keys/${provider}`, {
        headers: mode.headers,
        data: { key: SAVED },
      });
      expect(saved.status(), await saved.text()).toBe(200);
      const baseUrl = `${hostile.url}/echo/v1`;
      const before = hostile.requests.length;

      for (const path of [STREAM_PATH, COMPLETION_PATH]) {
        const refused = await request.post(`${app.url}${path}`, {
          headers: mode.headers,
          data: body(provider, model, { base_url: baseUrl }),
        });
        expect(refused.status(), path).toBe(401);
        const error = (await refused.json()).error;
        expect(error.type).toBe("missing_api_key");
        expect(error.message).toContain("is not sent to a base URL the request chose");
        expect(error.message).toContain(new URL(hostile.url).host);
        expect(JSON.stringify(error)).not.toContain(envKey);
      }
      expect(hostile.requests.length).toBe(before);

      // The request's own key goes where the request sends it.
      const own = parseStream(
        await postRaw(
          app.url,
          STREAM_PATH,
          body(provider, model, { base_url: baseUrl }, { provider_api_key: REQUEST_KEY }),
          mode.headers,
        ),
      );
      expect(own.final.status).toBe("success");
      expect(own.text).toContain(REQUEST_KEY);
      expectNoSecretLeaked();

      // Without a base URL the env/saved key still goes to the operator's base URL (the test upstream).
      const operator = parseStream(await postRaw(app.url, STREAM_PATH, body(provider, model, {}), mode.headers));
      expect(operator.final.status).toBe("success");
      expectNoSecretLeaked();
    });
  }

  test(`${mode.name}: a key saved for exactly that base URL is used there, and nowhere else`, async ({ request }) => {
    const app = mode.app();
    const gateway = `${hostile.url}/echo/v1`;
    const scopedKey = `test-scoped-${mode.name.length}-gateway-2e2e2e`;
    const saved = await request.put(`${app.url}/api/keys/openai`, {
      headers: mode.headers,
      data: { key: scopedKey, base_url: `${gateway}/` },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    expect(await saved.json()).toMatchObject({
      provider: "openai",
      base_url: gateway,
      hint: expect.stringMatching(/…/),
    });
    const listed = (await (await request.get(`${app.url}/api/keys`, { headers: mode.headers })).json()) as {
      base_url: string | null;
    }[];
    expect(listed.map((key) => key.base_url)).toContain(gateway);
    expect(JSON.stringify(listed)).not.toContain(scopedKey);

    const run = parseStream(
      await postRaw(app.url, STREAM_PATH, body("openai", "gpt-4o-mini", { base_url: gateway }), mode.headers),
    );
    expect(run.final.status).toBe("success");
    expect(run.text).toContain(`Bearer ${scopedKey}`);
    // Another path on the same host is another base URL: the scoped key does not go there.
    const other = await request.post(`${app.url}${STREAM_PATH}`, {
      headers: mode.headers,
      data: body("openai", "gpt-4o-mini", { base_url: `${hostile.url}/echo/v2` }),
    });
    expect(other.status()).toBe(401);
    expectNoSecretLeaked();

    const bad = await request.put(`${app.url}/api/keys/openai`, {
      headers: mode.headers,
      data: { key: scopedKey, base_url: "ftp://x" },
    });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).detail[0].loc).toEqual(["body", "base_url"]);
    const deleted = await request.delete(`${app.url}/api/keys/openai?base_url=${encodeURIComponent(gateway)}`, {
      headers: mode.headers,
    });
    expect(await deleted.json()).toEqual({ provider: "openai", base_url: gateway, deleted: true });
  });
}

test("running someone else's deployment by id never sends your saved or the env key to its base URL", async ({
  request,
}) => {
  const app = apps.open as AppInstance;
  const alice = { "x-api-key": "alice-open-mode" };
  const bob = { "x-api-key": "bob-open-mode" };
  const created = await request.post(`${app.url}/api/deployments`, {
    headers: alice,
    data: {
      name: `hostile-deployment-${Date.now()}`,
      llm_configuration: {
        provider: "openai",
        model: "gpt-4o-mini",
        base_url: `${hostile.url}/echo/v1`,
        messages: [{ role: "user", content: "hi" }],
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { deployment_id } = await created.json();
  expect((await request.put(`${app.url}/api/keys/openai`, { headers: bob, data: { key: SAVED } })).status()).toBe(200);
  const before = hostile.requests.length;

  const run = await request.post(`${app.url}${STREAM_PATH}`, {
    headers: bob,
    data: { deployment_id, cache: false, llm_configuration: {} },
  });
  expect(run.status()).toBe(401);
  expect((await run.json()).error.message).toContain("is not sent to a base URL the request chose");
  expect(hostile.requests.length).toBe(before);
  expectNoSecretLeaked();

  // The deployment's base URL is shown where it is used.
  const fetched = await (await request.get(`${app.url}/api/deployments/${deployment_id}`, { headers: bob })).json();
  expect(fetched.llm_configuration.base_url).toBe(`${hostile.url}/echo/v1`);
});

test("the LLM judge follows the same rule: no env key to the request's base URL", async () => {
  const app = apps.open as AppInstance;
  const before = hostile.requests.length;
  // Metric 7 is the built-in LLM judge; it runs on the request's provider, so on the request's base URL.
  const raw = await postRaw(
    app.url,
    COMPLETION_PATH,
    body(
      "openai",
      "gpt-4o-mini",
      { base_url: `${hostile.url}/echo/v1` },
      { provider_api_key: REQUEST_KEY, eval_metric_ids: [7] },
    ),
  );
  expect(raw.status, raw.text).toBe(200);
  const judged = hostile.requests.slice(before);
  expect(judged.length).toBeGreaterThanOrEqual(2);
  for (const received of judged) expect(received.headers.authorization).toBe(`Bearer ${REQUEST_KEY}`);
  expectNoSecretLeaked();
});

for (const status of [301, 302, 303, 307, 308]) {
  test(`a ${status} from a base URL the request chose is not followed, and the target's body never comes back`, async () => {
    const app = apps.open as AppInstance;
    const secretUrl = `${hostile.url}/__secret`;
    // The SDK appends /chat/completions to the base URL: the trailing `&pad=` keeps it out of the `to` parameter.
    const baseUrl = `${hostile.url}/redirect-${status}/v1?to=${encodeURIComponent(secretUrl)}&pad=`;
    for (const path of [STREAM_PATH, COMPLETION_PATH]) {
      const raw = await postRaw(
        app.url,
        path,
        body("openai", "gpt-4o-mini", { base_url: baseUrl }, { provider_api_key: REQUEST_KEY }),
      );
      expect(raw.status, raw.text).toBe(502);
      expect(raw.text).not.toContain(SECRET_BODY);
      expect(raw.text).toContain("upstream_redirect");
      expect(raw.text).toContain(`answered ${status}`);
      expect(raw.text).toContain("redirects are not followed");
    }
  });
}
