import { cn } from "@/lib/client/cn";

export interface ChartSeries {
  label: string;
  values: number[];
  /** A Tailwind stroke/fill colour class pair for this series. */
  className: string;
}

const WIDTH = 300;
const HEIGHT = 80;
const PAD = 4;

/**
 * One small chart in plain SVG: bars for counts, lines for rates and percentiles. A heavy chart library is not
 * worth it for five sparklines; each point has a <title> (hover) with its bucket and value.
 */
export function MiniChart({
  title,
  testId,
  kind,
  buckets,
  series,
  format,
}: {
  title: string;
  testId: string;
  kind: "bar" | "line";
  /** One per point: a unique key (the bucket's ISO start) and what the hover says. */
  buckets: { key: string; label: string }[];
  series: ChartSeries[];
  format: (value: number) => string;
}) {
  const max = Math.max(0, ...series.flatMap((item) => item.values));
  const count = buckets.length;
  const x = (index: number) => (count <= 1 ? WIDTH / 2 : PAD + (index * (WIDTH - 2 * PAD)) / (count - 1));
  const y = (value: number) => HEIGHT - PAD - (max > 0 ? (value / max) * (HEIGHT - 2 * PAD) : 0);
  const latest = series.map((item) => `${item.label} ${format(item.values.at(-1) ?? 0)}`).join(" · ");
  const barWidth = Math.max(1, Math.min(24, (WIDTH - 2 * PAD) / Math.max(count, 1) - 2));

  return (
    <figure
      className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid={testId}
      data-points={count}
    >
      <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-[11px]">
        <span className="font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</span>
        <span className="font-mono text-zinc-500 dark:text-zinc-400">max {format(max)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-20 w-full" preserveAspectRatio="none" role="img">
        <title>{`${title}: ${latest || "no data"}`}</title>
        <line x1={0} x2={WIDTH} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="stroke-zinc-200 dark:stroke-zinc-800" />
        {series.map((item) =>
          kind === "bar" ? (
            item.values.map((value, index) => (
              <rect
                key={`${item.label}-${buckets[index]?.key}`}
                x={x(index) - barWidth / 2}
                y={y(value)}
                width={barWidth}
                height={HEIGHT - PAD - y(value)}
                className={cn("stroke-none", item.className)}
              >
                <title>{`${buckets[index]?.label}: ${format(value)}`}</title>
              </rect>
            ))
          ) : (
            <g key={item.label} className={item.className}>
              <polyline
                fill="none"
                strokeWidth={1.5}
                vectorEffect="non-scaling-stroke"
                points={item.values.map((value, index) => `${x(index)},${y(value)}`).join(" ")}
              />
              {item.values.map((value, index) => (
                <circle
                  key={`${item.label}-${buckets[index]?.key}`}
                  cx={x(index)}
                  cy={y(value)}
                  r={count <= 1 ? 3 : 1.5}
                >
                  <title>{`${buckets[index]?.label} ${item.label}: ${format(value)}`}</title>
                </circle>
              ))}
            </g>
          ),
        )}
      </svg>
      {series.length > 1 ? (
        <div className="mt-1 flex gap-3 text-[10px] text-zinc-500">
          {series.map((item) => (
            <span key={item.label} className="flex items-center gap-1">
              <svg width="12" height="6" aria-hidden="true">
                <rect width="12" height="6" rx="3" className={item.className} />
              </svg>
              {item.label}
            </span>
          ))}
        </div>
      ) : null}
    </figure>
  );
}
