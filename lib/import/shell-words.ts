/**
 * Splits a POSIX shell command line into words, the way bash would before running it, for pasted curl commands:
 * single quotes, double quotes (with \" \\ \$ \` escapes), ANSI-C `$'…'` (what browsers' "Copy as cURL" emits for
 * bodies with quotes or non-ASCII), backslash escapes and backslash-newline continuations. Variables are NOT
 * expanded: `$OPENAI_API_KEY` stays as written, so a placeholder never turns into a value. Parsing stops at the
 * first unquoted `|`, `;`, `&` or `#` comment: only the first command is read.
 */

export interface ShellWords {
  words: string[];
  /** A quote was left open (a paste cut short). */
  unterminated: boolean;
}

const ANSI_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
  a: "\u0007",
  b: "\b",
  e: "\u001b",
  E: "\u001b",
  f: "\f",
  v: "\v",
};

/** One `$'…'` escape starting at `text[at] === "\\"`: the text it stands for and where the escape ends. */
function ansiEscape(text: string, at: number): [string, number] {
  const next = text[at + 1] ?? "";
  if (next in ANSI_ESCAPES) return [ANSI_ESCAPES[next] as string, at + 2];
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(at + 1));
  if (hex) return [String.fromCharCode(Number.parseInt(hex[1] as string, 16)), at + 1 + hex[0].length];
  const unicode = /^(?:u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8}))/.exec(text.slice(at + 1));
  if (unicode) {
    return [
      String.fromCodePoint(Number.parseInt((unicode[1] ?? unicode[2]) as string, 16)),
      at + 1 + unicode[0].length,
    ];
  }
  const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1));
  if (octal) return [String.fromCharCode(Number.parseInt(octal[0], 8)), at + 1 + octal[0].length];
  return [`\\${next}`, at + 2];
}

export function splitShellWords(text: string): ShellWords {
  const words: string[] = [];
  let word: string | undefined;
  let at = 0;
  const append = (piece: string) => {
    word = (word ?? "") + piece;
  };
  const end = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  while (at < text.length) {
    const char = text[at] as string;
    if (char === "\\") {
      const next = text[at + 1];
      if (next === "\n") at += 2;
      else if (next === "\r" && text[at + 2] === "\n") at += 3;
      else {
        append(next ?? "");
        at += 2;
      }
    } else if (/\s/.test(char)) {
      end();
      at++;
    } else if (char === "'") {
      const close = text.indexOf("'", at + 1);
      if (close < 0) return { words: [...words, (word ?? "") + text.slice(at + 1)], unterminated: true };
      append(text.slice(at + 1, close));
      at = close + 1;
    } else if (char === "$" && text[at + 1] === "'") {
      at += 2;
      let piece = "";
      while (at < text.length && text[at] !== "'") {
        if (text[at] === "\\") {
          const [escaped, after] = ansiEscape(text, at);
          piece += escaped;
          at = after;
        } else piece += text[at++];
      }
      if (at >= text.length) return { words: [...words, (word ?? "") + piece], unterminated: true };
      append(piece);
      at++;
    } else if (char === '"') {
      at++;
      let piece = "";
      while (at < text.length && text[at] !== '"') {
        if (text[at] === "\\" && '"\\$`\n'.includes(text[at + 1] ?? "")) {
          if (text[at + 1] !== "\n") piece += text[at + 1];
          at += 2;
        } else piece += text[at++];
      }
      if (at >= text.length) return { words: [...words, (word ?? "") + piece], unterminated: true };
      append(piece);
      at++;
    } else if (char === "|" || char === ";" || char === "&") {
      break;
    } else if (char === "#" && word === undefined) {
      const newline = text.indexOf("\n", at);
      if (newline < 0) break;
      at = newline;
    } else {
      append(char);
      at++;
    }
  }
  end();
  return { words, unterminated: false };
}
