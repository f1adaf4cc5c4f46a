import { describe, expect, it } from "vitest";
import { splitShellWords } from "./shell-words";

describe("shell words", () => {
  it("reads quotes, escapes and continuations as bash does", () => {
    expect(splitShellWords(`curl -H 'a: b' "x \\"y\\" \\$z" plain\\ word \\\n  --next`).words).toEqual([
      "curl",
      "-H",
      "a: b",
      'x "y" $z',
      "plain word",
      "--next",
    ]);
  });

  it("keeps variables as written (placeholders never become values)", () => {
    expect(splitShellWords(`echo '{"k": "'"$OPENAI_API_KEY"'"}' "$HOME"`).words).toEqual([
      "echo",
      '{"k": "$OPENAI_API_KEY"}',
      "$HOME",
    ]);
  });

  it("decodes ANSI-C quoting, as browsers' Copy as cURL writes it", () => {
    expect(splitShellWords(`--data-raw $'{"a":"it\\'s\\n\\u00e9\\x41"}'`).words).toEqual([
      "--data-raw",
      `{"a":"it's\n\u00e9A"}`,
    ]);
  });

  it("stops at the first pipe or separator, and reports an open quote", () => {
    expect(splitShellWords("curl http://x | jq .").words).toEqual(["curl", "http://x"]);
    expect(splitShellWords("curl http://x; echo done").words).toEqual(["curl", "http://x"]);
    expect(splitShellWords('curl -d \'{"a": 1').unterminated).toBe(true);
  });
});
