/**
 * Small charts drawn as inline SVG on the server: stacked bars, lines and
 * horizontal bars, with a legend. The pages' CSP allows no scripts and no
 * style attributes, so colours are SVG presentation attributes (`fill`,
 * `stroke`). Each chart is `role="img"` with a title and a summary; colour
 * is never the only cue (legends and labels in words, a dashed second
 * line), and the pages show the same numbers in a table.
 */
import type { Child } from "hono/jsx";

export interface ChartSeries {
  label: string;
  /** At least 3:1 against white (graphics contrast). */
  color: string;
  values: number[];
  dashed?: boolean;
}

export interface ChartFrameProps {
  /** Unique on the page: names the title and summary elements. */
  id: string;
  title: string;
  /** One or two sentences a screen reader announces instead of the picture. */
  summary: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const AXIS = "#4a5468";
const GRID = "#d5dae4";
const DASH = "6 4";

/** A round number at or above `max` (1, 2 or 5 times a power of ten; at least 2). */
export function niceCeiling(max: number): number {
  if (max <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5]) if (step * power >= max) return step * power;
  return 10 * power;
}

const format = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

function Frame({
  id,
  title,
  summary,
  height,
  children,
}: ChartFrameProps & { height: number; children: Child }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart"
      role="img"
      viewBox={`0 0 ${WIDTH} ${height}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {children}
    </svg>
  );
}

/** Horizontal grid lines with their values, and every `every`-th category label under the plot. */
function Axes({ max, labels, every }: { max: number; labels: string[]; every: number }) {
  const band = PLOT_W / Math.max(labels.length, 1);
  const ticks = Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max];
  return (
    <g font-size="11" fill={AXIS}>
      {ticks.map((tick) => {
        const y = PAD.top + PLOT_H * (1 - tick / max);
        return (
          <g>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} stroke={GRID} stroke-width="1" />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end">
              {format(tick)}
            </text>
          </g>
        );
      })}
      {labels.map((label, i) =>
        i % every === 0 ? (
          <text x={PAD.left + band * (i + 0.5)} y={HEIGHT - 8} text-anchor="middle">
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

export interface TimeChartProps extends ChartFrameProps {
  /** One label per bucket, oldest first. */
  labels: string[];
  series: ChartSeries[];
  /** Label every n-th bucket (default: about eight labels). */
  labelEvery?: number;
}

const labelStep = (count: number, every?: number) => every ?? Math.max(1, Math.ceil(count / 8));

/** Bars per bucket, the series stacked in order (bottom first), white gaps between segments. */
export function StackedBarChart({ labels, series, labelEvery, ...frame }: TimeChartProps) {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceCeiling(Math.max(0, ...totals));
  const band = PLOT_W / Math.max(labels.length, 1);
  const barWidth = Math.max(2, band * 0.7);
  return (
    <Frame {...frame} height={HEIGHT}>
      <Axes max={max} labels={labels} every={labelStep(labels.length, labelEvery)} />
      {labels.map((label, i) => {
        let top = PAD.top + PLOT_H;
        return (
          <g>
            {series.map((s) => {
              const value = s.values[i] ?? 0;
              if (value <= 0) return null;
              const height = (value / max) * PLOT_H;
              top -= height;
              return (
                <rect
                  x={PAD.left + band * i + (band - barWidth) / 2}
                  y={top}
                  width={barWidth}
                  height={height}
                  fill={s.color}
                  stroke="#fff"
                  stroke-width="1"
                >
                  <title>{`${label}: ${s.label} ${format(value)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </Frame>
  );
}

/** One line per series with a dot per bucket; `dashed` series are drawn dashed. */
export function LineChart({ labels, series, labelEvery, ...frame }: TimeChartProps) {
  const max = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values)));
  const band = PLOT_W / Math.max(labels.length, 1);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const y = (v: number) => PAD.top + PLOT_H * (1 - v / max);
  return (
    <Frame {...frame} height={HEIGHT}>
      <Axes max={max} labels={labels} every={labelStep(labels.length, labelEvery)} />
      {series.map((s) => (
        <g>
          <polyline
            points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
            fill="none"
            stroke={s.color}
            stroke-width="2"
            stroke-dasharray={s.dashed ? DASH : undefined}
          />
          {s.values.map((v, i) => (
            <circle cx={x(i)} cy={y(v)} r="3" fill={s.color}>
              <title>{`${labels[i]}: ${s.label} ${format(v)}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </Frame>
  );
}

export interface BarItem {
  label: string;
  value: number;
  color: string;
}

/** One labelled bar per item, its value written after it. */
export function HorizontalBarChart({ items, ...frame }: ChartFrameProps & { items: BarItem[] }) {
  const row = 24;
  const labelWidth = 170;
  const plot = WIDTH - labelWidth - 60;
  const max = niceCeiling(Math.max(0, ...items.map((item) => item.value)));
  return (
    <Frame {...frame} height={items.length * row + 8}>
      <g font-size="12" fill={AXIS}>
        {items.map((item, i) => {
          const y = 4 + i * row;
          const width = (item.value / max) * plot;
          return (
            <g>
              <text x={labelWidth - 8} y={y + 15} text-anchor="end">
                {item.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(width, 1)} height={row - 8} fill={item.color} />
              <text x={labelWidth + Math.max(width, 1) + 6} y={y + 15}>
                {format(item.value)}
              </text>
            </g>
          );
        })}
      </g>
    </Frame>
  );
}

/** The key to a chart's colours, in words; decorative swatches are hidden from screen readers. */
export function Legend({ series }: { series: Pick<ChartSeries, "label" | "color" | "dashed">[] }) {
  return (
    <ul class="legend">
      {series.map((s) => (
        <li>
          <svg
            xmlns="http://www.w3.org/2000/svg"
            width="22"
            height="12"
            viewBox="0 0 22 12"
            aria-hidden="true"
          >
            {s.dashed ? (
              <line x1="0" x2="22" y1="6" y2="6" stroke={s.color} stroke-width="3" stroke-dasharray="5 3" />
            ) : (
              <rect x="0" y="0" width="22" height="12" fill={s.color} />
            )}
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
