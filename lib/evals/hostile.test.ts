import { afterAll, describe, expect, it } from "vitest";
import { MAX_JUDGE_REPLY, parseJudgeScore } from "./judge";
import { LEVENSHTEIN_MAX_CODE_POINTS, levenshtein, levenshteinSimilarity } from "./levenshtein";
import { compileJsonSchema, MAX_SCORED_TEXT } from "./metrics";
import { parseMetricConfig, runEvals } from "./run-evals";
import { ScoreThread } from "./score-thread";
import { type EvalMetric, EvalMetricError } from "./types";

// Hostile inputs from issue 9 (point 4). Each took seconds to minutes of event loop before; generous timeouts, no
// timing assertions: correctness, and that the scorer thread's time limit kicks in.
const HOSTILE = 60_000;

const regexScore = async (output: string, target: string) => {
  const errors: unknown[] = [];
  const scores = await runEvals([3], output, { target }, { onError: (_, error) => errors.push(error) });
  return { score: scores[3], error: errors[0] as Error | undefined };
};

describe("regex metric on RE2", () => {
  it(
    "matches ^(a+)+$ against 32 a's and a bang in linear time (no catastrophic backtracking)",
    async () => {
      expect((await regexScore(`${"a".repeat(32)}!`, "^(a+)+$")).score).toBe(0);
      expect((await regexScore("a".repeat(100_000), "^(a+)+$")).score).toBe(1);
      expect((await regexScore(`${"a".repeat(50_000)}!`, "(x+x+)+y|(a|aa)+$")).score).toBe(0);
    },
    HOSTILE,
  );

  it("keeps JavaScript flag meanings that RE2 shares (i, m, s) and ignores stateful ones (g, y)", async () => {
    const metric = (pattern: string, flags: string): EvalMetric[] => [
      { id: 3, name: "r", kind: "regex", config: { pattern, flags } },
    ];
    const score = async (output: string, metrics: EvalMetric[]) => (await runEvals([3], output, {}, { metrics }))[3];
    expect(await score("YES", metric("^yes$", "i"))).toBe(1);
    expect(await score("a\nyes\nb", metric("^yes$", "m"))).toBe(1);
    expect(await score("a\nyes\nb", metric("^yes$", ""))).toBe(0);
    expect(await score("a\nb", metric("a.b", "s"))).toBe(1);
    expect(await score("a\nb", metric("a.b", "gy"))).toBe(0);
  });

  it("refuses what RE2 cannot take (backreferences, lookaround, huge patterns) with a clear message", async () => {
    for (const pattern of ["(a)\\1", "(?=a)a", "(?!b)a"]) {
      const { score, error } = await regexScore("aa", pattern);
      expect(score).toBeUndefined();
      expect(error).toBeInstanceOf(EvalMetricError);
      expect(error?.message).toMatch(/regex pattern not supported \(RE2 syntax/);
      expect(() => parseMetricConfig("regex", { pattern })).toThrow(/RE2 syntax/);
    }
    expect(() => parseMetricConfig("regex", { pattern: "a".repeat(1001) })).toThrow(/at most 1000/);
  });

  it("does not read outputs past the cap: the metric says why instead of scoring", async () => {
    const { score, error } = await regexScore("a".repeat(MAX_SCORED_TEXT + 1), "a");
    expect(score).toBeUndefined();
    expect(error?.message).toMatch(/reads at most 100000/);
  });

  it(
    "runs JSON Schema `pattern` on RE2 too",
    () => {
      const validate = compileJsonSchema({ type: "string", pattern: "^(a+)+$" });
      expect(validate(`${"a".repeat(40)}!`)).toBe(false);
      expect(validate("aaaa")).toBe(true);
      expect(() => compileJsonSchema({ type: "string", pattern: "(a)\\1" })).toThrow(/RE2 syntax/);
    },
    HOSTILE,
  );
});

describe("judge score parser", () => {
  it(
    "reads a score after thousands of whitespace characters, and none from whitespace alone, in linear time",
    () => {
      const spaces = " ".repeat(20_000);
      expect(() => parseJudgeScore(`score${spaces}`)).toThrow(EvalMetricError);
      expect(() => parseJudgeScore(`score*${spaces}*${spaces}x`)).toThrow(EvalMetricError);
      expect(() => parseJudgeScore(`${"score: ".repeat(5000)}x`)).toThrow(EvalMetricError);
      expect(parseJudgeScore(`${spaces}reason${"\t".repeat(1000)}\nScore:${" ".repeat(1000)}8 / 10`)).toBeCloseTo(0.8);
    },
    HOSTILE,
  );

  it("reads only the reply's tail (the score is the last line)", () => {
    expect(parseJudgeScore(`Score: 0.2\n${"x".repeat(MAX_JUDGE_REPLY)}\nScore: 0.7`)).toBeCloseTo(0.7);
    expect(() => parseJudgeScore(`Score: 0.2\n${"x".repeat(MAX_JUDGE_REPLY)}`)).toThrow(/no score/);
  });
});

describe("Levenshtein with bounded inputs", () => {
  it(
    "compares at most LEVENSHTEIN_MAX_CODE_POINTS of each side (10k × 100k was 6 s)",
    () => {
      const a = "ab".repeat(5_000);
      const b = "ba".repeat(50_000);
      const distance = levenshtein(a, b);
      expect(distance).toBe(2); // the first 10,000 code points of each: a shift by one
      expect(levenshtein("x".repeat(LEVENSHTEIN_MAX_CODE_POINTS + 5), "x".repeat(LEVENSHTEIN_MAX_CODE_POINTS))).toBe(0);
      expect(levenshteinSimilarity(a, b)).toBeCloseTo(1 - 2 / LEVENSHTEIN_MAX_CODE_POINTS, 10);
    },
    HOSTILE,
  );

  it("counts astral code points once, on the fast path too", () => {
    expect(levenshtein("😀😀a", "😀a")).toBe(1);
    expect(levenshtein("😀", "😁")).toBe(1);
    expect(levenshtein("a😀b", "a😁b")).toBe(1);
    expect(levenshtein("\u0001😀", "\u0000😀")).toBe(1);
  });
});

describe("scorer thread", () => {
  // The unit tests run the TypeScript entry through jiti; the production build bundles it.
  const execArgv = ["--import", "jiti/register"];
  const thread = new ScoreThread({ execArgv, timeoutMs: 30_000 });
  afterAll(() => thread.close());

  it(
    "scores off the main thread with the same results",
    async () => {
      const scores = await runEvals(
        [1, 3, 6],
        "Paris",
        { target: "Paris" },
        { scoreDeterministic: (...args) => thread.score(...args) },
      );
      expect(scores).toEqual({ 1: 1, 3: 1, 6: 1 });
      await expect(thread.score("regex", "aa", { target: "(a)\\1" }, {})).rejects.toThrow(/RE2 syntax/);
    },
    HOSTILE,
  );

  it(
    "stops a scorer past its time limit, reports it as not scored, and serves the next job on a fresh thread",
    async () => {
      const strict = new ScoreThread({ execArgv, timeoutMs: 1 });
      const slow = "ab".repeat(5_000);
      const errors: [number, unknown][] = [];
      const scores = await runEvals(
        [6],
        slow,
        { target: slow.split("").reverse().join("") },
        { scoreDeterministic: (...args) => strict.score(...args), onError: (id, error) => errors.push([id, error]) },
      );
      expect(scores).toEqual({});
      expect(errors[0]?.[0]).toBe(6);
      expect((errors[0]?.[1] as Error | undefined)?.message).toMatch(/not scored: the scorer ran past its 1 ms limit/);
      await strict.close();
      // The long-limit thread still answers.
      expect(await thread.score("exact_match", "x", { target: "x" }, {})).toBe(1);
    },
    HOSTILE,
  );
});
