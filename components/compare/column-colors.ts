/** One color per column, the same in the column's header and in the chart. */
export const COLUMN_COLORS = [
  "#2563eb",
  "#db2777",
  "#16a34a",
  "#ea580c",
  "#7c3aed",
  "#0891b2",
  "#ca8a04",
  "#dc2626",
  "#4f46e5",
  "#059669",
  "#9333ea",
  "#64748b",
];

export function columnColor(index: number): string {
  return COLUMN_COLORS[index % COLUMN_COLORS.length] as string;
}

export function columnLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
