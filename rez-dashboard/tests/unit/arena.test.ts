import { describe, expect, it, vi } from "vitest";
import { ApiClient } from "@/lib/api";
import { arenaRows, contestantHref, contestantOf, equitySeries, scopedPath } from "@/lib/arena";
import type { ArenaBoard, LeaderboardRow } from "@/lib/types";

function board(finished: boolean): ArenaBoard {
  const curve = (start: number, step: number) =>
    [0, 1, 2].map((i) => ({ time: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(), equity: start + i * step }));
  const row = (name: string, finalEquity: number, ret: number): LeaderboardRow => ({
    name,
    model: "offline-rules",
    riskProfile: "moderate",
    trades: 2,
    winRate: 0.5,
    netPnl: finalEquity - 10000,
    return: ret,
    maxDrawdownFraction: 0.01,
    sharpe: 0.3,
    profitFactor: 1.2,
    finalEquity,
    heldCycles: 0,
    tokens: { input: 10, output: 2 },
    costUsd: 0,
    vsBaseline: { meanReturnDifference: 0, ci95: [0, 0], verdict: "undecided" },
  });
  return {
    state: finished ? "finished" : "running",
    asset: "BTC",
    interval: "1m",
    cycle: 3,
    cycles: finished ? 3 : 10,
    time: null,
    baseline: "rules",
    contestants: [
      {
        name: "rules",
        model: "offline-rules",
        startingEquity: 10000,
        equity: 10020,
        return: 0.002,
        maxDrawdownFraction: 0,
        equityCurve: curve(10000, 10),
      },
      {
        name: "bold",
        model: "offline-rules",
        startingEquity: 10000,
        equity: 9980,
        return: -0.002,
        maxDrawdownFraction: 0.002,
        equityCurve: curve(10000, -10),
      },
    ],
    leaderboard: finished ? { contestants: [row("rules", 10021, 0.0021), row("bold", 9979, -0.0021)] } : null,
  };
}

describe("contestant scope", () => {
  it("reads ?contestant= and points API paths at the contestant", () => {
    expect(contestantOf("?contestant=bold")).toBe("bold");
    expect(contestantOf("?other=1")).toBeNull();
    expect(contestantOf("?contestant=%20")).toBeNull();
    expect(scopedPath("/api/stats", "bold")).toBe("/api/arena/bold/stats");
    expect(scopedPath("/api/cycles/12", "a b")).toBe("/api/arena/a%20b/cycles/12");
    expect(scopedPath("/api/stats", null)).toBe("/api/stats");
    expect(scopedPath("/api/arena", "bold")).toBe("/api/arena");
    expect(scopedPath("/api/arena/rules/stats", "bold")).toBe("/api/arena/rules/stats");
    expect(contestantHref("/record/", "bold")).toBe("/record/?contestant=bold");
  });

  it("makes the client ask the contestant's routes", async () => {
    const f = vi.fn(async () => new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } }));
    const c = new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null, contestant: () => "bold" });
    await c.cycles({ limit: 5 });
    await c.arena();
    expect(f.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      "/api/arena/bold/cycles?limit=5",
      "/api/arena",
    ]);
    expect(c.streamUrl()).toBe("/api/arena/bold/stream");
  });
});

describe("arenaRows", () => {
  it("shows the live figures while running and the leaderboard's when finished", () => {
    const running = arenaRows(board(false));
    expect(running.map((r) => [r.name, r.equity, r.baseline, r.final])).toEqual([
      ["rules", 10020, true, null],
      ["bold", 9980, false, null],
    ]);
    const done = arenaRows(board(true));
    expect(done.map((r) => [r.equity, r.return, r.final?.trades])).toEqual([
      [10021, 0.0021, 2],
      [9979, -0.0021, 2],
    ]);
    // The drawdown stays the one marked to market, not the leaderboard's closed-trade figure.
    expect(done.map((r) => r.maxDrawdownFraction)).toEqual([0, 0.002]);
  });
});

describe("equitySeries", () => {
  it("gives every contestant a line in seconds, increasing, with its own colour", () => {
    const b = board(false);
    b.contestants[1].equityCurve = [...b.contestants[1].equityCurve].reverse();
    const s = equitySeries(b);
    expect(s.map((x) => x.name)).toEqual(["rules", "bold"]);
    expect(s[0].colour).not.toBe(s[1].colour);
    expect(s[0].data).toEqual([
      { time: 1704067200, value: 10000 },
      { time: 1704067260, value: 10010 },
      { time: 1704067320, value: 10020 },
    ]);
    expect(s[1].data.map((p) => p.time)).toEqual([1704067200, 1704067260, 1704067320]);
  });
});
