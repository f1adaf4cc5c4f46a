import type { TraceLogBody } from "./schemas";

type Run = Record<string, unknown>;

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function seconds(start: unknown, end: unknown): number {
  const duration = (Date.parse(String(end)) - Date.parse(String(start))) / 1000;
  return Number.isFinite(duration) && duration > 0 ? duration : 0;
}

function usage(run: Run) {
  const outputs = (run.outputs ?? {}) as Run;
  const llmOutput = (outputs.llm_output ?? {}) as Run;
  const tokens = (llmOutput.token_usage ?? llmOutput.usage ?? {}) as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : 0);
  const input = number(tokens.prompt_tokens ?? tokens.input_tokens);
  const output = number(tokens.completion_tokens ?? tokens.output_tokens);
  return { input_tokens: input, output_tokens: output, total_tokens: number(tokens.total_tokens) || input + output };
}

function model(run: Run): string | null {
  const extra = (run.extra ?? {}) as Run;
  const params = (extra.invocation_params ?? {}) as Run;
  return text(params.model_name ?? params.model) ?? null;
}

/**
 * A LangChain `Run.dict()` (plus Parea's `_parea_*` / `_session_id` / `_tags` ... keys) → one span per run, the
 * nested `child_runs` flattened. The root run hangs under the enclosing @trace span when there is one.
 */
export function mapLangchainRuns(body: Run): TraceLogBody[] {
  const rootId = text(body._parea_root_trace_id) || text(body.trace_id) || text(body.id) || "";
  const shared = {
    project_uuid: text(body.project_uuid),
    experiment_uuid: text(body.experiment_uuid),
    session_id: text(body._session_id),
    end_user_identifier: text(body._end_user_identifier),
    log_sample_rate: typeof body._log_sample_rate === "number" ? body._log_sample_rate : 1,
    metadata: (body._metadata && typeof body._metadata === "object" ? body._metadata : null) as Record<
      string,
      unknown
    > | null,
  };
  const spans: TraceLogBody[] = [];
  const visit = (run: Run, parent: string | null, depth: number, top: boolean) => {
    const id = text(run.id);
    if (!id) return;
    const childRuns = Array.isArray(run.child_runs) ? (run.child_runs as Run[]) : [];
    const tags = [
      ...(Array.isArray(run.tags) ? run.tags : []),
      ...(top && Array.isArray(body._tags) ? body._tags : []),
    ];
    const llm = run.run_type === "llm";
    spans.push({
      trace_id: id,
      parent_trace_id: parent ?? id,
      root_trace_id: rootId || id,
      trace_name: text(run.name) ?? "langchain",
      inputs: run.inputs && typeof run.inputs === "object" ? (run.inputs as Record<string, unknown>) : null,
      output: text(run.outputs),
      error: text(run.error),
      status: run.error ? "error" : "success",
      start_timestamp: text(run.start_time),
      end_timestamp: text(run.end_time),
      latency: seconds(run.start_time, run.end_time),
      configuration: llm ? { model: model(run), provider: "langchain", messages: [] } : null,
      ...(llm ? usage(run) : {}),
      children: childRuns.map((child) => text(child.id) ?? "").filter(Boolean),
      tags: tags.map(String),
      depth,
      ...shared,
    });
    for (const child of childRuns) visit(child, id, depth + 1, false);
  };
  const parent = text(body._parea_parent_trace_id) || text(body.parent_run_id);
  visit(body, parent, parent ? 1 : 0, true);
  return spans;
}
