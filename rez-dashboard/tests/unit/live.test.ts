import { describe, expect, it } from "vitest";
import {
  exchangeWarning,
  groupCycleEvents,
  initialLiveState,
  liveReducer,
  mergeCycles,
  RECENT_LIMIT,
  revalued,
  type LiveState,
} from "@/lib/live";
import { intervalMs, withLiveMark } from "@/lib/chartdata";
import type { Account, CycleSummary, DiaryEvent, Status } from "@/lib/types";

const status: Status = {
  version: "0.1.0",
  mode: "demo",
  network: "simulator",
  address: "0xa",
  signer: "0xa",
  assets: ["BTC"],
  interval: "5m",
  model: "offline-rules",
  riskProfile: "moderate",
  loop: { state: "active", killSwitch: "none", haltReason: null, safeMode: false },
  lastCycle: null,
  nextCycleAt: null,
  exchangeUrl: "",
  startedAt: "2026-01-01T00:00:00Z",
};
const account = (equity: number, time: string): Account => ({
  equity,
  marginUsed: 0,
  withdrawable: equity,
  unrealizedPnl: 0,
  realizedPnl: 0,
  fees: 0,
  time,
});
let seq = 0;
const ev = (
  type: string,
  data: Record<string, unknown> = {},
  cycle: number | null = 1,
  asset: string | null = null,
): DiaryEvent => ({
  id: `e${++seq}`,
  time: "2026-01-01T00:00:10Z",
  cycle,
  type,
  asset,
  data,
});

describe("liveReducer", () => {
  it("tracks the connection without needless new states", () => {
    const s1 = liveReducer(initialLiveState, { type: "connection", state: "open" });
    expect(s1.connection).toBe("open");
    expect(liveReducer(s1, { type: "connection", state: "open" })).toBe(s1);
  });

  it("appends equity points from account events, skipping repeats", () => {
    let s = liveReducer(initialLiveState, { type: "account", account: account(100, "t1") });
    s = liveReducer(s, { type: "account", account: account(100, "t1") });
    s = liveReducer(s, { type: "account", account: account(101, "t2") });
    expect(s.account?.equity).toBe(101);
    expect(s.equity).toEqual([
      { time: "t1", equity: 100 },
      { time: "t2", equity: 101 },
    ]);
  });

  it("bumps revisions by event type and tracks the last cycle", () => {
    let s: LiveState = liveReducer(initialLiveState, { type: "status", status });
    s = liveReducer(s, { type: "diary", event: ev("decision", { action: "open_long", rationale: "why" }, 3, "BTC") });
    expect(s.revisions).toEqual({ cycles: 0, fills: 0, positions: 0, stats: 0 });
    expect(s.recent).toHaveLength(1);
    s = liveReducer(s, { type: "diary", event: ev("fill") });
    expect(s.revisions).toEqual({ cycles: 0, fills: 1, positions: 1, stats: 1 });
    s = liveReducer(s, { type: "diary", event: ev("cycle-end", { durationMs: 840, ok: true }, 3) });
    expect(s.revisions.cycles).toBe(1);
    expect(s.revisions.positions).toBe(2);
    expect(s.status?.lastCycle).toMatchObject({ cycle: 3, durationMs: 840, ok: true });
    s = liveReducer(s, { type: "diary", event: ev("protection") });
    expect(s.revisions.positions).toBe(3);
  });

  it("asks every page to reload after a resync", () => {
    const s = liveReducer(initialLiveState, { type: "resync" });
    expect(s.revisions).toEqual({ cycles: 1, fills: 1, positions: 1, stats: 1 });
  });

  it("applies kill-switch events to the status", () => {
    let s = liveReducer(initialLiveState, { type: "status", status });
    s = liveReducer(s, { type: "diary", event: ev("kill-switch", { state: "flatten", by: "api" }, null) });
    expect(s.status?.loop.killSwitch).toBe("flatten");
    // A state that is not a kill-switch state leaves the status alone.
    const s2 = liveReducer(s, { type: "diary", event: ev("kill-switch", { state: "weird" }, null) });
    expect(s2.status?.loop.killSwitch).toBe("flatten");
  });

  it("drops events replayed after a reconnect and bounds the recent list", () => {
    const e = ev("reasoning");
    const s1 = liveReducer(initialLiveState, { type: "diary", event: e });
    expect(liveReducer(s1, { type: "diary", event: e })).toBe(s1);
    let s = initialLiveState;
    for (let i = 0; i < RECENT_LIMIT + 25; i++) s = liveReducer(s, { type: "diary", event: ev("reasoning") });
    expect(s.recent).toHaveLength(RECENT_LIMIT);
    expect(s.recent[s.recent.length - 1].id).toBe(`e${seq}`);
  });
});

const cyc = (cycle: number, outcome = "held"): CycleSummary => ({
  cycle,
  startedAt: "",
  durationMs: 1,
  assets: [],
  decisions: [],
  outcome,
  tokens: null,
  error: null,
});

describe("mergeCycles", () => {
  it("keeps cycles unique, newest first, newer copies winning", () => {
    const merged = mergeCycles([cyc(5), cyc(4), cyc(3)], [cyc(6), cyc(5, "traded")]);
    expect(merged.map((c) => c.cycle)).toEqual([6, 5, 4, 3]);
    expect(merged[1].outcome).toBe("traded");
  });
  it("returns the same array when nothing comes in", () => {
    const a = [cyc(1)];
    expect(mergeCycles(a, [])).toBe(a);
  });
});

describe("groupCycleEvents", () => {
  it("sorts a cycle's events into the agent-mind sections, in order", () => {
    const events = [
      "cycle-start",
      "context",
      "prompt",
      "reasoning",
      "tool-call",
      "reasoning",
      "decision",
      "risk-verdict",
      "order",
      "fill",
      "protection",
      "error",
      "cycle-end",
    ].map((t) => ev(t));
    const g = groupCycleEvents(events);
    expect(g.steps.map((e) => e.type)).toEqual(["reasoning", "tool-call", "reasoning"]);
    expect(g.execution.map((e) => e.type)).toEqual(["order", "fill", "protection"]);
    expect(g.context).toHaveLength(1);
    expect(g.prompt).toHaveLength(1);
    expect(g.decisions).toHaveLength(1);
    expect(g.verdicts).toHaveLength(1);
    expect(g.errors).toHaveLength(1);
    expect(g.other.map((e) => e.type)).toEqual(["cycle-start", "cycle-end"]);
  });
});

describe("live marks", () => {
  const position = {
    asset: "BTC",
    side: "long" as const,
    size: 0.5,
    entryPrice: 100,
    markPrice: 101,
    unrealizedPnl: 0.5,
    leverage: 3,
    liquidationPrice: null,
    marginUsed: 10,
    takeProfit: 110,
    stopLoss: 95,
  };

  it("keeps the newest mark per asset and ignores an older or invalid one", () => {
    let s = liveReducer(initialLiveState, { type: "mark", asset: "BTC", mark: 101.5, time: "2026-01-01T00:00:02Z" });
    s = liveReducer(s, { type: "mark", asset: "ETH", mark: 2000, time: "2026-01-01T00:00:02Z" });
    expect(s.marks.BTC).toEqual({ mark: 101.5, time: Date.parse("2026-01-01T00:00:02Z") });
    expect(liveReducer(s, { type: "mark", asset: "BTC", mark: 99, time: "2026-01-01T00:00:01Z" })).toBe(s);
    expect(liveReducer(s, { type: "mark", asset: "BTC", mark: -1, time: "2026-01-01T00:00:03Z" })).toBe(s);
    expect(liveReducer(s, { type: "mark", asset: "BTC", mark: 102, time: "2026-01-01T00:00:03Z" }).marks.BTC.mark).toBe(
      102,
    );
  });

  it("revalues a position at a newer mark, long and short", () => {
    expect(revalued(position, { mark: 104, time: 0 })).toMatchObject({ markPrice: 104, unrealizedPnl: 2 });
    expect(revalued({ ...position, side: "short" }, { mark: 104, time: 0 })).toMatchObject({
      markPrice: 104,
      unrealizedPnl: -2,
    });
    expect(revalued(position, undefined)).toBe(position);
    expect(revalued(position, { mark: 101, time: 0 })).toBe(position);
  });

  it("moves the forming candle with a mark inside it, and only that candle", () => {
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    const candles = [
      { time: t0 - 60_000, open: 1, high: 2, low: 1, close: 2, volume: 1 },
      { time: t0, open: 2, high: 3, low: 2, close: 2.5, volume: 1 },
    ];
    expect(intervalMs("1m")).toBe(60_000);
    expect(intervalMs("4h")).toBe(4 * 3_600_000);
    expect(intervalMs("x")).toBeNaN();
    const moved = withLiveMark(candles, { mark: 3.5, time: t0 + 30_000 }, 60_000);
    expect(moved[1]).toMatchObject({ close: 3.5, high: 3.5, low: 2 });
    expect(moved[0]).toBe(candles[0]);
    expect(withLiveMark(candles, { mark: 1.5, time: t0 + 10_000 }, 60_000)[1]).toMatchObject({
      close: 1.5,
      high: 3,
      low: 1.5,
    });
    expect(withLiveMark(candles, { mark: 3.5, time: t0 + 60_000 }, 60_000)).toBe(candles);
    expect(withLiveMark(candles, { mark: 3.5, time: t0 - 1 }, 60_000)).toBe(candles);
  });
});

describe("exchangeWarning", () => {
  it("is quiet while the exchange answers and warns when it falls silent or its socket is down", () => {
    const at = "2026-01-01T00:00:00Z";
    expect(exchangeWarning(undefined)).toBeNull();
    expect(exchangeWarning(null)).toBeNull();
    expect(exchangeWarning({ streaming: true, accountAsOf: at, accountAgeSeconds: 20 })).toBeNull();
    expect(exchangeWarning({ streaming: false, accountAsOf: at, accountAgeSeconds: 1 })).toBe("socket down · polling");
    expect(exchangeWarning({ streaming: true, accountAsOf: at, accountAgeSeconds: 130 })).toBe(
      "exchange silent 2m 10s",
    );
  });
});
