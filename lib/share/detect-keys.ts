/**
 * Finds what looks like a secret pasted into a request by mistake (a key in a message, in metadata, in a function
 * description), so the sender is asked before it goes into a link. Patterns follow the providers' documented key
 * formats; the JWT and Bearer patterns catch tokens copied from a header. A false alarm costs one click; a miss
 * publishes a key, so the patterns lean towards warning.
 */

export interface SecretFinding {
  /** Where: `llm_configuration.messages[1].content`. */
  path: string;
  /** What it looks like: "OpenAI key", "AWS access key id", … */
  kind: string;
  /** The match with its middle hidden: `sk-pro…3f9a`. Never the whole value. */
  preview: string;
}

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "Anthropic key", pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "OpenAI project key", pattern: /\bsk-proj-[A-Za-z0-9_-]{20,}/g },
  { kind: "OpenAI-style key", pattern: /\bsk-(?!ant-|proj-)[A-Za-z0-9_-]{20,}/g },
  { kind: "Groq key", pattern: /\bgsk_[A-Za-z0-9]{20,}/g },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "xAI key", pattern: /\bxai-[A-Za-z0-9]{20,}/g },
  { kind: "Hugging Face token", pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: "GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: "JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "Bearer token", pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*/g },
];

/** A property whose name says it holds a secret, with a value long enough to be one (and not a placeholder). */
const SECRET_NAME = /(?:api[_-]?key|secret|password|passwd|access[_-]?token|auth[_-]?token|private[_-]?key)$/i;
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|x+|\*+)$/;

export function maskSecret(text: string): string {
  if (text.length <= 10) return `${text.slice(0, 2)}…`;
  return `${text.slice(0, 6)}…${text.slice(-4)}`;
}

function scanText(text: string, path: string, findings: SecretFinding[]) {
  const seen = new Set<string>();
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0];
      // A Bearer header holding a JWT or a key already reported is one finding, not two.
      if ([...seen].some((earlier) => earlier.includes(value) || value.includes(earlier))) continue;
      seen.add(value);
      findings.push({ path, kind, preview: maskSecret(value) });
    }
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Every string in `value` (and the names of its properties), depth first. */
export function findSecrets(value: unknown, path = ""): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const visit = (node: unknown, at: string, depth: number) => {
    if (depth > 64) return;
    if (typeof node === "string") {
      scanText(node, at || "(value)", findings);
      return;
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, join(at, index), depth + 1);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      const childPath = join(at, key);
      const before = findings.length;
      visit(child, childPath, depth + 1);
      if (
        findings.length === before &&
        typeof child === "string" &&
        child.length >= 12 &&
        SECRET_NAME.test(key) &&
        !PLACEHOLDER.test(child)
      ) {
        findings.push({ path: childPath, kind: `value of "${key}"`, preview: maskSecret(child) });
      }
    }
  };
  visit(value, path, 0);
  return findings;
}
