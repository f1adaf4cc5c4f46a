import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./db";
import { newDeploymentId } from "./deployments";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./test-support";
import { StoreInputError } from "./types";

const ID = /^p-[A-Za-z0-9_-]{21}$/;

describe.each(DIALECTS)("deployments on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open();
  });
  afterAll(() => database.dispose());

  it("numbers versions per prompt name and keeps each immutable", async () => {
    const v1 = await store.deploy("greeter", {
      provider: "openai",
      model: "gpt-4o-mini",
      model_params: { temp: 0.3 },
      messages: [{ role: "system", content: "Greet {{name}}." }],
      functions: [{ name: "lookup", parameters: { type: "object" } }],
      function_call: "auto",
    });
    const v2 = await store.deploy("greeter", { provider: "anthropic", model: "claude-haiku", messages: [] });
    const other = await store.deploy("summariser", { provider: "openai", model: "gpt-4o" });
    expect([v1.version_number, v2.version_number, other.version_number]).toEqual([1, 2, 1]);
    for (const deployment of [v1, v2, other]) expect(deployment.id).toMatch(ID);
    expect(new Set([v1.id, v2.id, other.id]).size).toBe(3);
    expect(await store.getDeployment(v1.id)).toEqual(v1);
    expect((await store.getDeployment(v1.id))?.configuration.messages?.[0]?.content).toBe("Greet {{name}}.");
    expect(await store.getDeployment("p-doesnotexist000000000")).toBeUndefined();

    const prompts = await store.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(["greeter", "summariser"]);
    expect(prompts[0]?.versions.map((version) => version.version_number)).toEqual([2, 1]);
    expect(prompts[0]?.versions[1]).toEqual(v1);
  });

  it("gives distinct consecutive versions to concurrent deploys of one name", async () => {
    const deployed = await Promise.all(
      Array.from({ length: 8 }, (_, index) => store.deploy("busy", { model: `m-${index}`, provider: "openai" })),
    );
    expect(deployed.map((deployment) => deployment.version_number).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it("refuses an empty name", async () => {
    await expect(store.deploy("  ", {})).rejects.toBeInstanceOf(StoreInputError);
  });
  it("stores no secret-named field at any depth (issue 9, point 18)", async () => {
    const deployment = await store.deploy("with-secrets", {
      provider: "openai",
      model: "gpt-4o-mini",
      api_key: "sk-top-level-secret",
      headers: { Authorization: "Bearer sk-nested-secret", Accept: "application/json" },
      model_params: { temp: 0.1, extra: { apiKey: "sk-deeper-secret" } },
    } as never);
    const row = await store.db
      .selectFrom("deployments")
      .select("configuration")
      .where("id", "=", deployment.id)
      .executeTakeFirstOrThrow();
    expect(row.configuration).not.toMatch(/sk-|Authorization|api_?key/i);
    expect(JSON.parse(row.configuration)).toEqual({
      provider: "openai",
      model: "gpt-4o-mini",
      headers: { Accept: "application/json" },
      model_params: { temp: 0.1, extra: {} },
    });
  });
});

describe("newDeploymentId", () => {
  it("is p- and 21 url-safe characters, using the whole alphabet", () => {
    const ids = Array.from({ length: 2000 }, newDeploymentId);
    for (const id of ids) expect(id).toMatch(ID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join("").slice(0)).size).toBeGreaterThanOrEqual(64);
  });
});
