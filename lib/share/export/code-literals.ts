/** Value → source text in the languages the exports speak. */

/** A bash single-quoted word: everything literal, a `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JSON value as a Python literal (dicts, lists, True/False/None; JSON string escapes are valid Python). */
export function pythonLiteral(value: unknown, indent = 0): string {
  const pad = " ".repeat(indent);
  const inner = " ".repeat(indent + 4);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${pythonLiteral(item, indent + 4)},`).join("\n")}\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries
    .map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(entry, indent + 4)},`)
    .join("\n")}\n${pad}}`;
}

/** JSON pretty-printed and indented to sit at `indent` inside code. */
export function indentedJson(value: unknown, indent: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${" ".repeat(indent)}`);
}
