import type { LanguageModelV4StreamPart, LanguageModelV4Usage, SharedV4Warning } from "@ai-sdk/provider";
import { CompletionError } from "./errors";

export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text of the arguments, as the provider streamed it. */
  arguments: string;
}

/** A tool-call delta as it rides in an event's extra key. */
export interface ToolCallDelta {
  index: number;
  id: string;
  name?: string;
  arguments: string;
}

interface OpenCall extends ToolCall {
  index: number;
  emitted: number;
  closed: boolean;
}

/**
 * Folds the provider's stream parts into what the client sees. The streamed chunks concatenate to the final
 * `content`: plain text as it comes, and a function-calling run as Parea's JSON list
 * `[{"function": {"name": ..., "arguments": {...}}}]`, its argument text streamed as the provider sends it.
 */
export class RunState {
  content = "";
  text = "";
  reasoning = "";
  readonly calls: OpenCall[] = [];
  usage: LanguageModelV4Usage | undefined;
  finishReason: string | undefined;
  finished = false;
  error: CompletionError | undefined;
  firstTokenAt: number | undefined;
  /** What the provider adapter said it dropped or changed (e.g. a parameter the model does not take). */
  readonly warnings: string[] = [];
  /** Tool-call deltas since the last take; the writer puts them in the next event. */
  private toolDeltas: ToolCallDelta[] = [];
  private listClosed = false;

  /** Feeds one provider part; returns the chunk text it adds ("" for none). */
  accept(part: LanguageModelV4StreamPart): string {
    switch (part.type) {
      case "text-delta":
        this.text += part.delta;
        return this.emit(part.delta);
      case "reasoning-delta":
        this.reasoning += part.delta;
        return "";
      case "tool-input-start":
        return this.openCall(part.id, part.toolName);
      case "tool-input-delta":
        return this.appendArguments(part.id, part.delta);
      case "tool-call": {
        let piece = "";
        let call = this.calls.find((candidate) => candidate.id === part.toolCallId);
        if (!call) {
          piece += this.openCall(part.toolCallId, part.toolName);
          call = this.calls.at(-1) as OpenCall;
        }
        if (call.arguments === "" && part.input) piece += this.appendArguments(call.id, part.input);
        return piece + this.closeCall(call);
      }
      case "finish":
        this.usage = part.usage;
        this.finishReason = part.finishReason.raw ?? part.finishReason.unified;
        // No finish reason from the provider ("other"/"interrupted" with no raw value): the stream was cut short.
        this.finished = !(
          part.finishReason.raw === undefined &&
          (part.finishReason.unified === "other" || part.finishReason.unified === "interrupted")
        );
        return this.closeAll();
      case "error":
        this.error = streamError(part.error);
        return "";
      case "stream-start":
        for (const warning of part.warnings) this.warnings.push(describeWarning(warning));
        return "";
      default:
        return "";
    }
  }

  /** The text that closes an open tool-call list, for a stream that ends without a finish part. */
  closeAll(): string {
    let piece = "";
    for (const call of this.calls) piece += this.closeCall(call);
    if (this.calls.length > 0 && !this.listClosed) {
      this.listClosed = true;
      piece += this.emit("]");
    }
    return piece;
  }

  /** Drops the last `count` characters of the output (a piece cut at the output limit), and of the text if it ends so. */
  truncateLast(count: number): void {
    if (count <= 0) return;
    const dropped = this.content.slice(-count);
    this.content = this.content.slice(0, -count);
    if (this.text.endsWith(dropped)) this.text = this.text.slice(0, -count);
  }

  takeToolDeltas(): ToolCallDelta[] | undefined {
    if (this.toolDeltas.length === 0) return undefined;
    const deltas = this.toolDeltas;
    this.toolDeltas = [];
    return deltas;
  }

  toolCalls(): ToolCall[] {
    return this.calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }));
  }

  private emit(piece: string): string {
    this.content += piece;
    return piece;
  }

  private openCall(id: string, name: string): string {
    let piece = "";
    for (const call of this.calls) piece += this.closeCall(call);
    const index = this.calls.length;
    this.calls.push({ id, name, arguments: "", index, emitted: 0, closed: false });
    this.toolDeltas.push({ index, id, name, arguments: "" });
    const head = `${index === 0 ? "[" : ", "}{"function": {"name": ${JSON.stringify(name)}, "arguments": `;
    return piece + this.emit(head);
  }

  private appendArguments(id: string, delta: string): string {
    const call = this.calls.find((candidate) => candidate.id === id);
    if (!call || delta === "") return "";
    call.arguments += delta;
    this.toolDeltas.push({ index: call.index, id, arguments: delta });
    if (call.closed || call !== this.calls.at(-1)) return "";
    call.emitted = call.arguments.length;
    return this.emit(delta);
  }

  private closeCall(call: OpenCall): string {
    if (call.closed) return "";
    call.closed = true;
    // Arguments that arrived while another call was open, then `{}` for a call with none, so the list stays JSON.
    let piece = call.arguments.slice(call.emitted);
    if (call.arguments.trim() === "") piece += "{}";
    return this.emit(`${piece}}}`);
  }
}

function describeWarning(warning: SharedV4Warning): string {
  if (warning.type === "unsupported" || warning.type === "compatibility") {
    return `${warning.type === "unsupported" ? "not supported, ignored" : "changed for compatibility"}: ${warning.feature}${warning.details ? ` (${warning.details})` : ""}`;
  }
  return "message" in warning ? String(warning.message) : JSON.stringify(warning);
}

function streamError(error: unknown): CompletionError {
  if (error instanceof CompletionError) return error;
  const record = error as { message?: unknown; error?: { message?: unknown; type?: unknown } } | undefined;
  const message =
    typeof record?.error?.message === "string"
      ? record.error.message
      : typeof record?.message === "string"
        ? record.message
        : JSON.stringify(error);
  return new CompletionError(502, "upstream_stream_error", `The provider reported an error mid-stream: ${message}`);
}
