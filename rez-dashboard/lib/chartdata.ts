import type { Candle, Candles, ChartMarker } from "./types";

/** lightweight-charts wants UTC seconds, strictly increasing. */
export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export interface Point {
  time: number;
  value: number;
}

/** Candles in chart form (seconds, sorted, duplicates removed keeping the last). */
export function candleData(candles: readonly Candle[]) {
  const byTime = new Map<number, { time: number; open: number; high: number; low: number; close: number }>();
  for (const c of candles) {
    const t = toSeconds(c.time);
    byTime.set(t, { time: t, open: c.open, high: c.high, low: c.low, close: c.close });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000 };

/** The length of an interval such as `5m`, `1h`, `1d` in ms; NaN for an unknown one. */
export function intervalMs(interval: string): number {
  const m = /^(\d+)([mhdwM])$/.exec(interval);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : NaN;
}

/**
 * The candles with the last one moved by a live mark that falls inside it (`close` = the mark, `high`/`low`
 * widened to it); unchanged when the mark is older than the last candle or past its end.
 */
export function withLiveMark<C extends Candle>(
  candles: readonly C[],
  mark: { mark: number; time: number } | undefined,
  intervalMs: number,
): readonly C[] {
  if (!mark || candles.length === 0) return candles;
  const last = candles[candles.length - 1];
  if (mark.time < last.time || mark.time >= last.time + intervalMs || mark.mark === last.close) return candles;
  const moved = { ...last, close: mark.mark, high: Math.max(last.high, mark.mark), low: Math.min(last.low, mark.mark) };
  return [...candles.slice(0, -1), moved];
}

/** An indicator series aligned on the candles, without its warm-up (null) values. */
export function alignedSeries(candles: readonly Candle[], values: readonly (number | null)[] | undefined): Point[] {
  if (!values) return [];
  const seen = new Set<number>();
  const out: Point[] = [];
  const n = Math.min(candles.length, values.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const t = toSeconds(candles[i].time);
    if (seen.has(t)) continue;
    seen.add(t);
    out.push({ time: t, value: v });
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Finds an indicator series by key prefix and optional suffix, e.g. ("bb:", "upper") → `bb:20:2.upper`. */
export function findIndicator(
  indicators: Candles["indicators"] | undefined,
  prefix: string,
  suffix?: string,
): { key: string; values: (number | null)[] } | null {
  if (!indicators) return null;
  for (const [key, values] of Object.entries(indicators)) {
    const [base, part] = key.split(".", 2);
    if (!base.startsWith(prefix)) continue;
    if (suffix === undefined ? part === undefined : part === suffix) return { key, values };
  }
  return null;
}

/** Colour, shape and position of the agent's trade markers. */
export function markerStyle(m: ChartMarker): {
  position: "aboveBar" | "belowBar";
  shape: "arrowUp" | "arrowDown" | "circle" | "square";
  color: string;
} {
  switch (m.kind) {
    case "entry":
      return m.side === "sell"
        ? { position: "aboveBar", shape: "arrowDown", color: "#ff5d6c" }
        : { position: "belowBar", shape: "arrowUp", color: "#2ecc8f" };
    case "exit":
      return { position: m.side === "buy" ? "belowBar" : "aboveBar", shape: "circle", color: "#f0b429" };
    case "take-profit":
      return { position: "aboveBar", shape: "square", color: "#2ecc8f" };
    case "stop-loss":
      return { position: "belowBar", shape: "square", color: "#ff5d6c" };
    default:
      return { position: "aboveBar", shape: "circle", color: "#8b96a5" };
  }
}

/**
 * Markers snapped to candle times (the chart places markers on bars), sorted by time. Only the latest
 * `maxLabels` keep their text, so a busy chart stays readable.
 */
export function chartMarkers(candles: readonly Candle[], markers: readonly ChartMarker[], maxLabels = 8) {
  const times = candleData(candles).map((c) => c.time);
  if (times.length === 0) return [];
  const snap = (t: number) => {
    let lo = 0;
    let hi = times.length - 1;
    if (t <= times[0]) return times[0];
    if (t >= times[hi]) return times[hi];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return times[lo];
  };
  const sorted = markers
    .map((m) => ({ time: snap(toSeconds(m.time)), text: m.text, ...markerStyle(m) }))
    .sort((a, b) => a.time - b.time);
  const firstLabelled = Math.max(0, sorted.length - Math.max(0, maxLabels));
  return sorted.map((m, i) => (i >= firstLabelled ? m : { ...m, text: "" }));
}

/** Equity points (ISO time) in chart form: seconds, sorted, one value per second (the last). */
export function equityData(points: readonly { time: string; equity: number }[]): Point[] {
  const byTime = new Map<number, number>();
  for (const p of points) {
    const ms = Date.parse(p.time);
    if (!Number.isFinite(ms) || !Number.isFinite(p.equity)) continue;
    byTime.set(toSeconds(ms), p.equity);
  }
  return [...byTime.entries()].map(([time, value]) => ({ time, value })).sort((a, b) => a.time - b.time);
}
