import { parentPort } from "node:worker_threads";
import { type DeterministicKind, SCORERS } from "./scorers";

/** The scorer thread's entry: one job at a time, a score or an error message back (score-thread.ts). */
export interface ScoreJob {
  id: number;
  kind: DeterministicKind;
  output: string;
  target: string | null | undefined;
  config: Record<string, unknown>;
}

export type ScoreReply = { id: number; score: number } | { id: number; error: string };

parentPort?.on("message", (job: ScoreJob) => {
  let reply: ScoreReply;
  try {
    reply = { id: job.id, score: SCORERS[job.kind](job.output, { target: job.target }, job.config) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
