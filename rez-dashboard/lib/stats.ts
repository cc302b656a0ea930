import type { StatsBlock, Trade } from "./types";

/** A closed trade's PnL after its fees (the API's `pnl` is before fees; its averages are after them). */
export function tradeNetPnl(t: Pick<Trade, "pnl" | "fees">): number {
  return t.pnl - t.fees;
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** An equal-width histogram of `values` over `binCount` bins (the last bin includes its upper edge). */
export function histogram(values: readonly number[], binCount: number): Bin[] {
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new RangeError(`binCount must be a positive integer but was ${binCount}`);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / binCount;
  const bins: Bin[] = Array.from({ length: binCount }, (_, i) => ({
    from: min + i * width,
    to: min + (i + 1) * width,
    count: 0,
  }));
  for (const v of finite) {
    const i = Math.min(binCount - 1, Math.floor((v - min) / width));
    bins[i].count += 1;
  }
  return bins;
}

export type AssetRow = StatsBlock & { asset: string };

/** The per-asset breakdown as rows, best net PnL first. */
export function perAssetRows(perAsset: Record<string, StatsBlock> | null | undefined): AssetRow[] {
  if (!perAsset) return [];
  return Object.entries(perAsset)
    .map(([asset, block]) => ({ ...block, asset }))
    .sort((a, b) => b.netPnl - a.netPnl || a.asset.localeCompare(b.asset));
}

export interface Surface {
  assets: string[];
  /** End time (epoch ms) of each bucket. */
  times: number[];
  /** values[assetIndex][bucket] = cumulative realised PnL (after fees) of that asset at the bucket's end. */
  values: number[][];
  min: number;
  max: number;
}

/**
 * Cumulative net PnL per asset over time, sampled on `buckets` equal time buckets from the first trade's opening
 * to the last close (for the 3D view).
 */
export function pnlSurface(trades: readonly Trade[], buckets: number, assets?: readonly string[]): Surface {
  if (!Number.isInteger(buckets) || buckets < 2)
    throw new RangeError(`buckets must be an integer >= 2 but was ${buckets}`);
  const names = [...new Set([...(assets ?? []), ...trades.map((t) => t.asset)])].sort();
  const closed = trades
    .map((t) => ({ asset: t.asset, time: Date.parse(t.closedAt), net: t.pnl - (t.fees ?? 0) }))
    .filter((t) => Number.isFinite(t.time) && Number.isFinite(t.net))
    .sort((a, b) => a.time - b.time);
  if (closed.length === 0 || names.length === 0)
    return { assets: names, times: [], values: names.map(() => []), min: 0, max: 0 };
  // Time starts when the first trade opened, so the first close shows as a step up or down.
  const opened = trades.map((t) => Date.parse(t.openedAt)).filter((t) => Number.isFinite(t));
  const t0 = Math.min(closed[0].time, ...opened);
  const t1 = Math.max(closed[closed.length - 1].time, t0 + 1);
  const step = (t1 - t0) / (buckets - 1);
  const times = Array.from({ length: buckets }, (_, i) => t0 + i * step);
  const values = names.map(() => new Array<number>(buckets).fill(0));
  const running = new Map<string, number>(names.map((n) => [n, 0]));
  let k = 0;
  let min = 0;
  let max = 0;
  for (let b = 0; b < buckets; b++) {
    const end = b === buckets - 1 ? Infinity : times[b];
    while (k < closed.length && closed[k].time <= end) {
      running.set(closed[k].asset, (running.get(closed[k].asset) ?? 0) + closed[k].net);
      k++;
    }
    names.forEach((n, i) => {
      const v = running.get(n) ?? 0;
      values[i][b] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    });
  }
  return { assets: names, times, values, min, max };
}
