import { RE2JS, RE2JSSyntaxException } from "re2js";
import { EvalMetricError } from "./types";

/**
 * User patterns (a metric's config, or the request's `target`) run on RE2 (re2js, pure JS): matching is linear in
 * the input, so `^(a+)+$` cannot stall the server the way a backtracking RegExp does. RE2 has no backreferences and
 * no lookaround; such a pattern is refused with a clear message instead of being run.
 */
export const MAX_PATTERN_LENGTH = 1000;

/** JavaScript flags mapped to RE2's; g/y/d (match state) and u/v (RE2 is Unicode-aware already) change nothing here. */
const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

export interface UserRegex {
  test(input: string): boolean;
}

export function compileRegex(pattern: string, flags: string | undefined): UserRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new EvalMetricError(`regex pattern is ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH}`);
  }
  let bits = 0;
  for (const flag of flags ?? "") bits |= FLAG_BITS[flag] ?? 0;
  try {
    return RE2JS.compile(pattern, bits);
  } catch (error) {
    const reason = error instanceof RE2JSSyntaxException ? error.message : String(error);
    throw new EvalMetricError(
      `regex pattern not supported (RE2 syntax: no backreferences or lookaround; linear-time matching): ${reason}`,
    );
  }
}
