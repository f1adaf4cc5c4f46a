/** The AI SDK prompt as a local text model takes it: joined text for a base model, a chat history for a chat template. */
import type { LanguageModelV4CallOptions, LanguageModelV4Prompt, SharedV4Warning } from "@ai-sdk/provider";
import type { ChatHistoryItem } from "node-llama-cpp";

export interface Conversation {
  /** Raw-completion prompt: the messages' text joined with "\n". */
  text: string;
  /** Chat-template history. */
  history: ChatHistoryItem[];
  warnings: SharedV4Warning[];
}

/** Turns the AI SDK prompt into plain text and a chat history, noting what a local text model cannot take. */
export function convertLocalPrompt(prompt: LanguageModelV4Prompt): Conversation {
  const warnings: SharedV4Warning[] = [];
  const warned = new Set<string>();
  const warn = (feature: string, details: string) => {
    if (warned.has(feature)) return;
    warned.add(feature);
    warnings.push({ type: "unsupported", feature, details });
  };
  const texts: string[] = [];
  const history: ChatHistoryItem[] = [];

  for (const message of prompt) {
    switch (message.role) {
      case "system": {
        texts.push(message.content);
        history.push({ type: "system", text: message.content });
        break;
      }
      case "user": {
        let text = "";
        for (const part of message.content) {
          if (part.type === "text") text += part.text;
          else warn("file parts", "Local models read text only; file parts were left out of the prompt.");
        }
        texts.push(text);
        history.push({ type: "user", text });
        break;
      }
      case "assistant": {
        let text = "";
        for (const part of message.content) {
          if (part.type === "text") text += part.text;
          else if (part.type === "reasoning") continue;
          else if (part.type === "tool-call" || part.type === "tool-result") {
            warn("tools", "Local models do not call tools; tool calls were left out of the prompt.");
          } else warn("file parts", "Local models read text only; file parts were left out of the prompt.");
        }
        texts.push(text);
        history.push({ type: "model", response: text ? [text] : [] });
        break;
      }
      case "tool": {
        warn("tools", "Local models do not call tools; tool results were left out of the prompt.");
        break;
      }
    }
  }
  // Empty turns (an assistant message that was only a tool call) add no blank lines.
  return { text: texts.filter((text) => text !== "").join("\n"), history, warnings };
}

export function callWarnings(options: LanguageModelV4CallOptions): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = [];
  if (options.tools && options.tools.length > 0) {
    warnings.push({ type: "unsupported", feature: "tools", details: "Local models do not call tools." });
  }
  if (options.toolChoice && options.toolChoice.type !== "auto" && options.toolChoice.type !== "none") {
    warnings.push({ type: "unsupported", feature: "toolChoice" });
  }
  if (options.responseFormat?.type === "json") {
    warnings.push({
      type: "unsupported",
      feature: "responseFormat",
      details: "JSON output is not enforced for local models; the model writes plain text.",
    });
  }
  if (options.reasoning && options.reasoning !== "provider-default") {
    warnings.push({ type: "unsupported", feature: "reasoning" });
  }
  return warnings;
}
