import { toSeconds, type Point } from "./chartdata";
import type { ArenaBoard, LeaderboardRow } from "./types";

/** The query parameter that points the dashboard's pages at one arena contestant. */
export const CONTESTANT_PARAM = "contestant";

/** The contestant named by a page's query string (`?contestant=NAME`), or null. */
export function contestantOf(search: string): string | null {
  const name = new URLSearchParams(search).get(CONTESTANT_PARAM);
  return name && name.trim() ? name.trim() : null;
}

/**
 * An API path for one contestant: `/api/<route>` becomes `/api/arena/<name>/<route>`; the arena's own routes and
 * every path without a contestant stay as they are.
 */
export function scopedPath(path: string, contestant: string | null): string {
  if (!contestant || !path.startsWith("/api/") || path === "/api/arena" || path.startsWith("/api/arena/")) return path;
  return `/api/arena/${encodeURIComponent(contestant)}/${path.slice("/api/".length)}`;
}

/** A dashboard page's link for one contestant (`/record/?contestant=NAME`). */
export function contestantHref(page: string, contestant: string): string {
  return `${page}?${CONTESTANT_PARAM}=${encodeURIComponent(contestant)}`;
}

/** A row of the Arena page's table: the live figures, and the leaderboard's once the run is done. */
export interface ArenaRow {
  name: string;
  model: string;
  equity: number;
  return: number;
  maxDrawdownFraction: number;
  baseline: boolean;
  final: LeaderboardRow | null;
}

/** The table's rows in entry order. */
export function arenaRows(board: ArenaBoard): ArenaRow[] {
  const final = new Map((board.leaderboard?.contestants ?? []).map((r) => [r.name, r]));
  return board.contestants.map((c) => ({
    name: c.name,
    model: c.model,
    equity: final.get(c.name)?.finalEquity ?? c.equity,
    return: final.get(c.name)?.return ?? c.return,
    // Marked to market every cycle, before and after the end: the leaderboard's own figure is on the
    // equity after each closed trade, a different measure.
    maxDrawdownFraction: c.maxDrawdownFraction,
    baseline: c.name === board.baseline,
    final: final.get(c.name) ?? null,
  }));
}

/** Line colours, one per contestant in entry order (repeating past the last). */
export const ARENA_COLOURS = ["#4da3ff", "#f5a623", "#3ecf8e", "#e5534b", "#b083f0", "#39c5cf", "#d4d76a", "#ff7eb6"];

/** Each contestant's equity curve in chart form (seconds, increasing; duplicates keep the last). */
export function equitySeries(board: ArenaBoard): { name: string; colour: string; data: Point[] }[] {
  return board.contestants.map((c, i) => {
    const byTime = new Map<number, number>();
    for (const p of c.equityCurve) byTime.set(toSeconds(Date.parse(p.time)), p.equity);
    const data = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
    return { name: c.name, colour: ARENA_COLOURS[i % ARENA_COLOURS.length], data };
  });
}
