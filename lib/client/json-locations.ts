/**
 * Where a value sits in JSON text: zod reports issues by path (`llm_configuration.messages.0.role`), Monaco wants
 * ranges. A small position-tracking scan of text that JSON.parse already accepted (so it never has to recover).
 */

export interface TextRange {
  start: number;
  end: number;
}

interface JsonNode extends TextRange {
  /** Where this value's property name starts, when it is an object member. */
  keyStart?: number;
  members?: Map<string, JsonNode>;
  items?: JsonNode[];
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const VALUE_END = new Set([",", "}", "]", " ", "\t", "\n", "\r"]);

function parseNodes(text: string): JsonNode {
  let at = 0;
  const skipWhitespace = () => {
    while (at < text.length && WHITESPACE.has(text[at] as string)) at++;
  };
  const skipString = () => {
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
  };
  const parseValue = (): JsonNode => {
    skipWhitespace();
    const start = at;
    const first = text[at];
    if (first === "{") {
      at++;
      const members = new Map<string, JsonNode>();
      skipWhitespace();
      while (text[at] !== "}") {
        skipWhitespace();
        const keyStart = at;
        skipString();
        const key = JSON.parse(text.slice(keyStart, at)) as string;
        skipWhitespace();
        at++; // the colon
        const value = parseValue();
        members.set(key, { ...value, keyStart });
        skipWhitespace();
        if (text[at] === ",") at++;
        skipWhitespace();
      }
      at++;
      return { start, end: at, members };
    }
    if (first === "[") {
      at++;
      const items: JsonNode[] = [];
      skipWhitespace();
      while (text[at] !== "]") {
        items.push(parseValue());
        skipWhitespace();
        if (text[at] === ",") at++;
        skipWhitespace();
      }
      at++;
      return { start, end: at, items };
    }
    if (first === '"') {
      skipString();
      return { start, end: at };
    }
    while (at < text.length && !VALUE_END.has(text[at] as string)) at++;
    return { start, end: at };
  };
  return parseValue();
}

/**
 * The range of the value at `path` (with its property name), or, when the path does not exist (a missing required
 * field), the range of the deepest member that does.
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): TextRange | undefined {
  let node: JsonNode;
  try {
    node = parseNodes(text);
  } catch {
    return undefined;
  }
  for (const segment of path) {
    const child =
      typeof segment === "number"
        ? node.items?.[segment]
        : (node.members?.get(String(segment)) ?? node.items?.[Number(segment)]);
    if (!child) break;
    node = child;
  }
  const start = node.keyStart ?? node.start;
  // A whole object or list is a big range: underline its first line only.
  if (node.members || node.items) {
    const newline = text.indexOf("\n", start);
    return { start, end: newline > start && newline < node.end ? newline : node.end };
  }
  return { start, end: node.end };
}
