import { describe, expect, it } from "vitest";
import { CompletionError } from "@/lib/completion/errors";
import { readJsonBody } from "./request-body";

const post = (body: string) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", headers: { "content-type": "application/json" }, body });

async function rejection(body: string): Promise<CompletionError> {
  const error = await readJsonBody(post(body)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CompletionError)) throw new Error(`expected a CompletionError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("refuses 200,000 levels of nesting with a 422 that points at the field", async () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const error = await rejection(`{"llm_configuration": {"messages": [{"role": "user", "content": ${deep}}]}}`);
    expect(error.status).toBe(422);
    expect(error.type).toBe("validation_error");
    const [issue] = error.extra.detail ?? [];
    expect(issue?.type).toBe("too_deep");
    expect(issue?.loc.slice(0, 5)).toEqual(["body", "llm_configuration", "messages", 0, "content"]);
  });

  it("still parses ordinary bodies and reports malformed ones as a 400", async () => {
    await expect(readJsonBody(post('{"a": [[1]]}'))).resolves.toEqual({ a: [[1]] });
    expect((await rejection('{"a": ')).status).toBe(400);
  });
});
