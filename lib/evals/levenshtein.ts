import { distance } from "fastest-levenshtein";

/**
 * The most code points of each side the Levenshtein metric compares: past it, only the first this many count. With
 * Myers' bit-parallel algorithm (fastest-levenshtein) 10,000 × 10,000 takes milliseconds; unbounded inputs did not
 * (O(n·m): 6 s at 10k × 100k on the event loop).
 */
export const LEVENSHTEIN_MAX_CODE_POINTS = 10_000;

function codePoints(text: string, max: number): string[] {
  const points: string[] = [];
  for (const point of text) {
    if (points.length >= max) break;
    points.push(point);
  }
  return points;
}

/**
 * Edit distance over Unicode code points (so an emoji counts once), on the first LEVENSHTEIN_MAX_CODE_POINTS of each
 * side. fastest-levenshtein counts UTF-16 units, so code points are renamed to one unit each (the same name on both
 * sides) whenever an astral one is present: at most 2 × the cap distinct points, well within 16 bits.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const left = codePoints(a, LEVENSHTEIN_MAX_CODE_POINTS);
  const right = codePoints(b, LEVENSHTEIN_MAX_CODE_POINTS);
  const astral = (points: string[]) => points.some((point) => point.length > 1);
  if (!astral(left) && !astral(right)) return distance(left.join(""), right.join(""));
  const names = new Map<string, string>();
  const rename = (points: string[]) =>
    points
      .map((point) => {
        let name = names.get(point);
        if (name === undefined) {
          name = String.fromCharCode(names.size);
          names.set(point, name);
        }
        return name;
      })
      .join("");
  return distance(rename(left), rename(right));
}

/** 1 − distance / longer length (both capped as above); two empty strings are identical (1). */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(
    codePoints(a, LEVENSHTEIN_MAX_CODE_POINTS).length,
    codePoints(b, LEVENSHTEIN_MAX_CODE_POINTS).length,
  );
  if (longest === 0) return 1;
  return 1 - levenshtein(a, b) / longest;
}
