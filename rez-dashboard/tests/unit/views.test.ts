import { describe, expect, it } from "vitest";
import { visibleRange } from "@/lib/virtual";
import { sortRows } from "@/lib/sort";
import { histogram, perAssetRows, pnlSurface } from "@/lib/stats";
import { alignedSeries, candleData, chartMarkers, equityData, findIndicator, markerStyle } from "@/lib/chartdata";
import type { StatsBlock } from "@/lib/types";
import { trade } from "./trades";

describe("visibleRange", () => {
  it("renders only the rows in view plus the overscan", () => {
    const r = visibleRange({ scrollTop: 46 * 5000, viewportHeight: 460, rowHeight: 46, count: 10000, overscan: 5 });
    expect(r).toEqual({ start: 4995, end: 5016, offsetTop: 4995 * 46, totalHeight: 460000 });
  });
  it("clamps at both ends", () => {
    expect(
      visibleRange({ scrollTop: -50, viewportHeight: 100, rowHeight: 10, count: 1000, overscan: 2 }),
    ).toMatchObject({ start: 0, end: 13 });
    const end = visibleRange({ scrollTop: 1e9, viewportHeight: 100, rowHeight: 10, count: 1000, overscan: 2 });
    expect(end.end).toBe(1000);
    expect(end.start).toBe(988);
  });
  it("handles empty lists and rejects a bad row height", () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 500, rowHeight: 40, count: 0 })).toMatchObject({
      start: 0,
      end: 0,
      totalHeight: 0,
    });
    expect(() => visibleRange({ scrollTop: 0, viewportHeight: 500, rowHeight: 0, count: 3 })).toThrow(
      /rowHeight must be > 0 but was 0/,
    );
  });
});

describe("sortRows", () => {
  const rows = [
    { a: "eth", n: 2 },
    { a: "BTC", n: null },
    { a: "sol", n: 10 },
    { a: "btc", n: 2 },
  ];
  it("sorts numbers both ways with nulls last and ties stable", () => {
    expect(sortRows(rows, (r) => r.n, "asc").map((r) => r.a)).toEqual(["eth", "btc", "sol", "BTC"]);
    expect(sortRows(rows, (r) => r.n, "desc").map((r) => r.a)).toEqual(["sol", "eth", "btc", "BTC"]);
  });
  it("compares strings case-insensitively and numerically", () => {
    expect(sortRows(rows, (r) => r.a, "asc").map((r) => r.a)).toEqual(["BTC", "btc", "eth", "sol"]);
    expect(sortRows([{ k: "a10" }, { k: "a9" }], (r) => r.k, "asc").map((r) => r.k)).toEqual(["a9", "a10"]);
  });
  it("does not modify its input", () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.n, "desc");
    expect(rows).toEqual(copy);
  });
});

describe("histogram", () => {
  it("counts values into equal bins, the maximum in the last one", () => {
    const bins = histogram([-10, -5, 0, 5, 10], 4);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 1, 2]);
    expect(bins[0].from).toBe(-10);
    expect(bins[3].to).toBe(10);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(5);
  });
  it("handles a single value, non-finite values and no values", () => {
    expect(histogram([3, 3, Number.NaN], 3).map((b) => b.count)).toEqual([0, 2, 0]);
    expect(histogram([], 5)).toEqual([]);
    expect(() => histogram([1], 0)).toThrow(/binCount must be a positive integer but was 0/);
  });
});

describe("perAssetRows", () => {
  it("lists assets by net PnL", () => {
    const block = (netPnl: number) => ({ netPnl }) as StatsBlock;
    expect(perAssetRows({ BTC: block(5), ETH: block(30), SOL: block(-2) }).map((r) => r.asset)).toEqual([
      "ETH",
      "BTC",
      "SOL",
    ]);
    expect(perAssetRows(null)).toEqual([]);
  });
});

describe("pnlSurface", () => {
  it("accumulates net PnL per asset over time buckets", () => {
    const s = pnlSurface(
      [
        trade("BTC", "2026-01-01T00:00:00Z", 10, 1),
        trade("ETH", "2026-01-01T01:00:00Z", -5),
        trade("BTC", "2026-01-01T02:00:00Z", 4),
      ],
      3,
      ["SOL"],
    );
    expect(s.assets).toEqual(["BTC", "ETH", "SOL"]);
    expect(s.times).toEqual([
      Date.parse("2026-01-01T00:00:00Z"),
      Date.parse("2026-01-01T01:00:00Z"),
      Date.parse("2026-01-01T02:00:00Z"),
    ]);
    expect(s.values).toEqual([
      [9, 9, 13],
      [0, -5, -5],
      [0, 0, 0],
    ]);
    expect(s.min).toBe(-5);
    expect(s.max).toBe(13);
  });
  it("starts when the first trade opened", () => {
    const t = { ...trade("BTC", "2026-01-01T02:00:00Z", 6), openedAt: "2026-01-01T00:00:00Z" };
    const s = pnlSurface([t], 3);
    expect(s.times[0]).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(s.values).toEqual([[0, 0, 6]]);
  });
  it("is empty without trades and rejects too few buckets", () => {
    expect(pnlSurface([], 10, ["BTC"])).toMatchObject({ assets: ["BTC"], times: [], values: [[]] });
    expect(() => pnlSurface([], 1)).toThrow(/buckets must be an integer >= 2 but was 1/);
  });
});

describe("chart data", () => {
  const candles = [3, 1, 2, 2].map((i) => ({
    time: i * 60_000,
    open: i,
    high: i + 1,
    low: i - 1,
    close: i + 0.5,
    volume: 1,
  }));
  it("converts candles to sorted, unique seconds", () => {
    expect(candleData(candles).map((c) => c.time)).toEqual([60, 120, 180]);
  });
  it("aligns an indicator on the candles and drops warm-up values", () => {
    const sorted = [1, 2, 3].map((i) => ({ time: i * 60_000, open: i, high: i, low: i, close: i, volume: 1 }));
    expect(alignedSeries(sorted, [null, 5, 6])).toEqual([
      { time: 120, value: 5 },
      { time: 180, value: 6 },
    ]);
    // A duplicate candle time keeps the first value; values past the candles are ignored.
    expect(alignedSeries([...sorted, sorted[2]], [1, 2, 3, 4, 5])).toEqual([
      { time: 60, value: 1 },
      { time: 120, value: 2 },
      { time: 180, value: 3 },
    ]);
    expect(alignedSeries(sorted, undefined)).toEqual([]);
  });
  it("finds indicator series by name and part", () => {
    const ind = { "ema:12": [1], "bb:20:2.upper": [2], "bb:20:2.lower": [3], "macd:12:26:9.signal": [4] };
    expect(findIndicator(ind, "bb:", "lower")?.key).toBe("bb:20:2.lower");
    expect(findIndicator(ind, "ema:")?.key).toBe("ema:12");
    expect(findIndicator(ind, "macd:", "macd")).toBeNull();
    expect(findIndicator(undefined, "ema:")).toBeNull();
  });
  it("snaps markers to candle times and labels only the latest", () => {
    const sorted = candleData(candles).map((c) => ({ ...c, volume: 1, time: c.time * 1000 }));
    const markers = [
      { time: 150_000, kind: "entry", side: "buy" as const, price: 1, text: "open long" },
      { time: 500_000, kind: "exit", side: "sell" as const, price: 1, text: "close" },
      { time: 10_000, kind: "stop-loss", side: null, price: 1, text: "sl" },
    ];
    const out = chartMarkers(sorted, markers, 2);
    expect(out.map((m) => [m.time, m.text])).toEqual([
      [60, ""],
      [120, "open long"],
      [180, "close"],
    ]);
    expect(out[1]).toMatchObject({ shape: "arrowUp", position: "belowBar" });
    expect(chartMarkers([], markers)).toEqual([]);
  });
  it("styles short entries down and red", () => {
    expect(markerStyle({ time: 0, kind: "entry", side: "sell", price: 1, text: "" })).toMatchObject({
      shape: "arrowDown",
      position: "aboveBar",
    });
  });
  it("turns equity points into chart points", () => {
    expect(
      equityData([
        { time: "2026-01-01T00:00:01Z", equity: 2 },
        { time: "2026-01-01T00:00:00Z", equity: 1 },
        { time: "bad", equity: 3 },
      ]),
    ).toEqual([
      { time: 1767225600, value: 1 },
      { time: 1767225601, value: 2 },
    ]);
  });
});
