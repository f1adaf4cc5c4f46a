"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { RunFailure, streamCompletion } from "@/lib/client/run-stream";
import {
  IDLE_RUN,
  type RunErrorInfo,
  type RunResult,
  type RunSnapshot,
  type ToolCallView,
  toMetrics,
} from "@/lib/client/run-types";
import { readStored, STORAGE_KEYS, writeStored } from "@/lib/client/storage";
import { mergeToolCallDeltas, toolCallsFromResult } from "@/lib/client/tool-calls";

interface RunInput {
  body: Record<string, unknown>;
  accessKey?: string;
  signal: AbortSignal;
}

function restoreLastRun(): RunSnapshot {
  const stored = readStored<RunSnapshot>(STORAGE_KEYS.lastRun);
  if (!stored || typeof stored !== "object" || typeof stored.text !== "string" || !Array.isArray(stored.toolCalls)) {
    return IDLE_RUN;
  }
  // A run cannot be resumed after a reload: what was streaming counts as stopped.
  return { ...stored, status: stored.status === "running" ? "stopped" : stored.status };
}

/** A settled run and the body it was sent with (the caller strips the key before keeping it). */
export interface FinishedRun {
  body: Record<string, unknown>;
  snapshot: RunSnapshot;
}

/**
 * One run at a time: streams into refs and paints at most once per animation frame (a token every millisecond
 * must not mean a React render every millisecond), keeps the text on Stop or error, and persists the settled run.
 * `onFinished` hears of every run that settled (done, stopped, error): the run history records them.
 */
export function useRun(options: { onFinished?: (run: FinishedRun) => void } = {}) {
  const [snapshot, setSnapshot] = useState<RunSnapshot>(restoreLastRun);
  const onFinished = useRef(options.onFinished);
  onFinished.current = options.onFinished;
  const started = useRef<Pick<RunSnapshot, "provider" | "model" | "startedAt" | "traceId">>({});
  const text = useRef("");
  const toolCalls = useRef<ToolCallView[]>([]);
  const frame = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);
  const runId = useRef(0);

  const mutation = useMutation<RunResult, Error, RunInput & { id: number }>({
    mutationFn: ({ body, accessKey, signal, id }) =>
      streamCompletion(
        body,
        { signal, accessKey },
        {
          onStart: (traceId) => {
            if (id !== runId.current) return;
            started.current.traceId = traceId;
            setSnapshot((current) => ({ ...current, traceId }));
          },
          onText: (piece) => {
            if (id !== runId.current) return;
            text.current += piece;
            scheduleFlush();
          },
          onToolCallDeltas: (deltas) => {
            if (id !== runId.current) return;
            toolCalls.current = mergeToolCallDeltas(toolCalls.current, deltas);
            scheduleFlush();
          },
        },
      ),
  });
  const { mutateAsync } = mutation;

  const flush = useCallback(() => {
    frame.current = undefined;
    const nextText = text.current;
    const nextCalls = toolCalls.current;
    setSnapshot((current) =>
      current.text === nextText && current.toolCalls === nextCalls
        ? current
        : { ...current, text: nextText, toolCalls: nextCalls },
    );
  }, []);

  function scheduleFlush() {
    if (frame.current === undefined) frame.current = requestAnimationFrame(flush);
  }

  const settle = useCallback((patch: Partial<RunSnapshot>) => {
    if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    frame.current = undefined;
    setSnapshot((current) => {
      const next: RunSnapshot = {
        ...current,
        text: text.current,
        toolCalls: toolCalls.current,
        ...patch,
        finishedAt: Date.now(),
      };
      writeStored(STORAGE_KEYS.lastRun, next);
      return next;
    });
  }, []);

  const run = useCallback(
    async (body: Record<string, unknown>, options: { accessKey?: string; provider?: string; model?: string }) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const id = ++runId.current;
      text.current = "";
      toolCalls.current = [];
      started.current = { provider: options.provider, model: options.model, startedAt: Date.now() };
      setSnapshot({ status: "running", text: "", toolCalls: [], ...started.current });
      const finish = (patch: Partial<RunSnapshot>) => {
        settle(patch);
        const final = { ...started.current, text: text.current, toolCalls: toolCalls.current, ...patch };
        onFinished.current?.({ body, snapshot: { status: "done", ...final, finishedAt: Date.now() } });
      };
      try {
        const result = await mutateAsync({ body, accessKey: options.accessKey, signal: abort.signal, id });
        if (id !== runId.current) return;
        if (Array.isArray(result.tool_calls) && result.tool_calls.length > 0) {
          toolCalls.current = toolCallsFromResult(result.tool_calls);
        }
        finish({ status: "done", result: toMetrics(result) });
      } catch (error) {
        if (id !== runId.current) return;
        if (abort.signal.aborted) finish({ status: "stopped" });
        else if (error instanceof RunFailure) {
          finish({ status: "error", error: error.info, result: error.result ? toMetrics(error.result) : undefined });
        } else {
          finish({ status: "error", error: { status: 0, type: "client_error", message: String(error) } });
        }
      } finally {
        if (controller.current === abort) controller.current = undefined;
      }
    },
    [mutateAsync, settle],
  );

  /** Aborts the fetch; the server sees the disconnect and cancels the provider call. */
  const stop = useCallback(() => {
    controller.current?.abort();
  }, []);

  const clear = useCallback(() => {
    controller.current?.abort();
    runId.current++;
    text.current = "";
    toolCalls.current = [];
    setSnapshot(IDLE_RUN);
    writeStored(STORAGE_KEYS.lastRun, IDLE_RUN);
  }, []);

  /** Shows a problem found before sending (the draft failed validation) the way a server error is shown. */
  const fail = useCallback((error: RunErrorInfo) => {
    controller.current?.abort();
    runId.current++;
    setSnapshot((current) => ({ ...current, status: "error", error, result: undefined, startedAt: Date.now() }));
  }, []);

  /** Shows a run kept elsewhere (the history) as the current one. */
  const restore = useCallback((next: RunSnapshot) => {
    controller.current?.abort();
    runId.current++;
    text.current = next.text;
    toolCalls.current = next.toolCalls;
    setSnapshot(next);
    writeStored(STORAGE_KEYS.lastRun, next);
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  return { snapshot, running: snapshot.status === "running", run, stop, clear, fail, restore };
}
