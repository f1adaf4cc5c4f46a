import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startAppInstance } from "./app-instance";
import { COMPLETION_PATH, openaiBody, upstreamRequests } from "./support";

/**
 * Issue 9, point 4: a hostile eval must not stall the server. Before the fix each of these held the event loop for
 * seconds to hours (`(a+)+$` on 36 a's; the judge parser on 20,000 spaces; Levenshtein at 10k × 100k) and health
 * waited behind it. Health is polled while they run; every probe must answer (generous timeout, no timing asserts).
 */
test.describe("hostile evals do not stall the server", () => {
  test.setTimeout(120_000);

  test("health answers while a catastrophic regex, a whitespace-bomb judge reply and a huge Levenshtein run", async ({
    request,
  }) => {
    const tag = randomUUID().slice(0, 8);
    const regexRun = request.post(COMPLETION_PATH, {
      timeout: 100_000,
      data: openaiBody(
        `evals-stall-regex-${tag}`,
        { target: "(a+)+$", eval_metric_ids: [3] },
        { messages: [{ role: "user", content: `${"a".repeat(36)}!` }] },
      ),
    });
    // The judge (metric 7, on the same test upstream) echoes its prompt, which holds the output: "score" and 20,000
    // spaces, with no number after them. The Levenshtein target is 100k code points against a 10k output.
    const judgeRun = request.post(COMPLETION_PATH, {
      timeout: 100_000,
      data: openaiBody(
        `evals-stall-judge-${tag}`,
        { target: "y".repeat(100_000), eval_metric_ids: [6, 7] },
        { messages: [{ role: "user", content: `score${" ".repeat(20_000)}x ${"b".repeat(10_000)}` }] },
      ),
    });
    let inFlight = true;
    const runs = Promise.all([regexRun, judgeRun]).finally(() => {
      inFlight = false;
    });
    const probes: number[] = [];
    do {
      const health = await request.get("/api/health", { timeout: 30_000 });
      probes.push(health.status());
      await new Promise((resolve) => setTimeout(resolve, 20));
    } while (inFlight);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((status) => status === 200)).toBe(true);

    const [regex, judge] = await runs;
    expect(regex.status()).toBe(200);
    expect((await regex.json()).scores).toEqual({ 3: 0 });
    expect(judge.status()).toBe(200);
    const judged = await judge.json();
    // Levenshtein compares the first 10,000 code points of each side: it scores; the judge reply has no score.
    expect(Object.keys(judged.scores)).toEqual(["6"]);
    expect(judged.scores[6]).toBeGreaterThanOrEqual(0);
    expect(judged.eval_cost).toBe(0);
  });

  test("a target RE2 cannot take as a pattern is a 422 on `target`, before anything runs", async ({ request }) => {
    const model = `evals-backref-${randomUUID().slice(0, 8)}`;
    const response = await request.post(COMPLETION_PATH, {
      data: openaiBody(model, { target: "(a)\\1", eval_metric_ids: [3] }),
    });
    expect(response.status()).toBe(422);
    const body = await response.json();
    expect(body.detail).toEqual([
      {
        loc: ["body", "target"],
        msg: expect.stringMatching(/regex pattern not supported \(RE2 syntax/),
        type: "value_error",
      },
    ]);
    expect((await upstreamRequests()).filter((recorded) => recorded.body?.model === model)).toEqual([]);
  });

  test("a stored regex metric RE2 cannot take is refused at creation", async ({ request }) => {
    const response = await request.post("/api/eval-metrics", {
      data: { name: "lookahead", kind: "regex", config: { pattern: "(?=a)a" } },
    });
    expect(response.status()).toBe(422);
    expect((await response.json()).detail[0]).toMatchObject({
      loc: ["body", "config"],
      msg: expect.stringMatching(/RE2 syntax/),
    });
  });

  test("a scorer past EVAL_SCORER_TIMEOUT_MS is stopped in its thread and left unscored; the run still answers", async () => {
    test.setTimeout(60_000);
    const app = await startAppInstance({
      EVAL_SCORER_TIMEOUT_MS: "1",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "evals-timeout-")),
    });
    try {
      const model = `evals-timeout-${randomUUID().slice(0, 8)}`;
      const response = await fetch(`${app.url}${COMPLETION_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(openaiBody(model, { target: "z".repeat(10_000), eval_metric_ids: [1, 6] })),
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.status).toBe("success");
      expect(body.scores).toEqual({});
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      await expect
        .poll(() => app.output())
        .toMatch(/metric \d did not score: not scored: the scorer ran past its 1 ms limit/);
    } finally {
      await app.stop();
    }
  });
});
