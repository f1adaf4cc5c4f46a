import type { Message } from "@/lib/schema/completion-request";

/** `{{name}}`: word characters only, no spaces inside the braces (Parea's rule). */
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export interface TemplateResult {
  messages: Message[];
  /** Placeholder names that had no input; they are left as written. */
  unknown: string[];
}

function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

export function fillTemplate(text: string, inputs: Record<string, unknown>, unknown: Set<string>): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(inputs, name)) return stringify(inputs[name]);
    unknown.add(name);
    return whole;
  });
}

/** Fills `{{name}}` in every message's content from the inputs. */
export function applyTemplate(
  messages: readonly Message[],
  inputs: Record<string, unknown> | null | undefined,
): TemplateResult {
  const unknown = new Set<string>();
  const values = inputs ?? {};
  const filled = messages.map((message) => {
    const content = fillTemplate(message.content, values, unknown);
    return content === message.content ? message : { ...message, content };
  });
  return { messages: filled, unknown: [...unknown] };
}

/** Names of every `{{name}}` in the messages, in order of first appearance (the form shows an input per name). */
export function templateVariables(messages: readonly Pick<Message, "content">[]): string[] {
  const names = new Set<string>();
  for (const message of messages) {
    for (const match of message.content.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  }
  return [...names];
}
