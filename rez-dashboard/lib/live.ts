import type { Account, CycleSummary, DiaryEvent, ExchangeData, MarkUpdate, Position, Status } from "./types";
import type { StreamState } from "./stream";
import { fmtDuration } from "./format";

/** What the live stream has told the dashboard so far. */
export interface LiveState {
  connection: StreamState;
  status: Status | null;
  account: Account | null;
  /** The latest mark of each traded asset from the stream's `mark` events (ms since the epoch in `time`). */
  marks: Record<string, LiveMark>;
  /** Equity observed live, oldest first (appended on every `account` event). */
  equity: { time: string; equity: number }[];
  /** The latest diary events, newest last, at most {@link RECENT_LIMIT}. */
  recent: DiaryEvent[];
  /** Counters that pages watch to refetch what changed. */
  revisions: { cycles: number; fills: number; positions: number; stats: number };
}

/** A mark price as the app's live view saw it. */
export interface LiveMark {
  mark: number;
  time: number;
}

/** A position at a live mark newer than the one it was loaded with: mark and unrealised PnL moved. */
export function revalued(p: Position, mark: LiveMark | undefined): Position {
  if (!mark || mark.mark === p.markPrice) return p;
  const size = Math.abs(p.size);
  const pnl = (p.side === "long" ? 1 : -1) * size * (mark.mark - p.entryPrice);
  return { ...p, markPrice: mark.mark, unrealizedPnl: Math.round(pnl * 100) / 100 };
}

export const RECENT_LIMIT = 200;
const KILL_SWITCH_STATES = ["none", "stop-entries", "flatten"];
export const EQUITY_LIMIT = 5000;

export const initialLiveState: LiveState = {
  connection: "closed",
  status: null,
  account: null,
  marks: {},
  equity: [],
  recent: [],
  revisions: { cycles: 0, fills: 0, positions: 0, stats: 0 },
};

export type LiveAction =
  | { type: "connection"; state: StreamState }
  | { type: "status"; status: Status }
  | { type: "account"; account: Account }
  | ({ type: "mark" } & MarkUpdate)
  | { type: "diary"; event: DiaryEvent }
  /** The stream came back after a break: everything may have changed. */
  | { type: "resync" };

function bump(r: LiveState["revisions"], keys: (keyof LiveState["revisions"])[]): LiveState["revisions"] {
  const next = { ...r };
  for (const k of keys) next[k] += 1;
  return next;
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "connection":
      return state.connection === action.state ? state : { ...state, connection: action.state };
    case "status":
      return { ...state, status: action.status };
    case "resync":
      return { ...state, revisions: bump(state.revisions, ["cycles", "fills", "positions", "stats"]) };
    case "mark": {
      const mark = Number(action.mark);
      const time = Date.parse(action.time);
      const before = state.marks[action.asset];
      if (!Number.isFinite(mark) || mark <= 0 || !Number.isFinite(time) || (before && before.time > time)) return state;
      return { ...state, marks: { ...state.marks, [action.asset]: { mark, time } } };
    }
    case "account": {
      const a = action.account;
      const last = state.equity[state.equity.length - 1];
      let equity = state.equity;
      if (!last || last.time !== a.time || last.equity !== a.equity) {
        equity = [...state.equity, { time: a.time, equity: a.equity }];
        if (equity.length > EQUITY_LIMIT) equity = equity.slice(equity.length - EQUITY_LIMIT);
      }
      return { ...state, account: a, equity };
    }
    case "diary": {
      const e = action.event;
      if (state.recent.some((r) => r.id === e.id)) return state; // replayed after a reconnect
      let recent = [...state.recent, e];
      if (recent.length > RECENT_LIMIT) recent = recent.slice(recent.length - RECENT_LIMIT);
      let next: LiveState = { ...state, recent };
      switch (e.type) {
        case "cycle-start":
        case "cycle-end":
          next.revisions = bump(state.revisions, e.type === "cycle-end" ? ["cycles", "positions"] : ["cycles"]);
          if (next.status && e.type === "cycle-end" && typeof e.cycle === "number") {
            const d = e.data as { durationMs?: number; ok?: boolean };
            next.status = {
              ...next.status,
              lastCycle: {
                cycle: e.cycle,
                startedAt: next.status.lastCycle?.cycle === e.cycle ? next.status.lastCycle.startedAt : e.time,
                finishedAt: e.time,
                durationMs: typeof d.durationMs === "number" ? d.durationMs : null,
                ok: d.ok !== false,
              },
            };
          }
          break;
        case "fill":
          next.revisions = bump(state.revisions, ["fills", "positions", "stats"]);
          break;
        case "order":
        case "protection":
        case "reconcile":
          next.revisions = bump(state.revisions, ["positions"]);
          break;
        case "kill-switch": {
          const ks = (e.data as { state?: string }).state;
          if (next.status && ks && KILL_SWITCH_STATES.includes(ks))
            next.status = { ...next.status, loop: { ...next.status.loop, killSwitch: ks } };
          next.revisions = bump(state.revisions, ["positions"]);
          break;
        }
      }
      return next;
    }
  }
}

/** Merges pages of cycle summaries: unique by cycle number, newest first (a newer copy wins). */
export function mergeCycles(existing: CycleSummary[], incoming: CycleSummary[]): CycleSummary[] {
  if (incoming.length === 0) return existing;
  const byCycle = new Map<number, CycleSummary>();
  for (const c of existing) byCycle.set(c.cycle, c);
  for (const c of incoming) byCycle.set(c.cycle, c);
  return [...byCycle.values()].sort((a, b) => b.cycle - a.cycle);
}

/** Groups one cycle's diary events into the sections the agent-mind view shows. */
export function groupCycleEvents(events: DiaryEvent[]) {
  const groups = {
    context: [] as DiaryEvent[],
    prompt: [] as DiaryEvent[],
    steps: [] as DiaryEvent[], // reasoning, model answers and tool calls, in order
    decisions: [] as DiaryEvent[],
    verdicts: [] as DiaryEvent[],
    execution: [] as DiaryEvent[], // orders, fills, protection
    errors: [] as DiaryEvent[],
    other: [] as DiaryEvent[],
  };
  for (const e of events) {
    switch (e.type) {
      case "context":
        groups.context.push(e);
        break;
      case "prompt":
        groups.prompt.push(e);
        break;
      case "reasoning":
      case "model-answer":
      case "tool-call":
        groups.steps.push(e);
        break;
      case "decision":
        groups.decisions.push(e);
        break;
      case "risk-verdict":
        groups.verdicts.push(e);
        break;
      case "order":
      case "fill":
      case "protection":
        groups.execution.push(e);
        break;
      case "error":
        groups.errors.push(e);
        break;
      default:
        groups.other.push(e);
    }
  }
  return groups;
}

/** How long without an account read before the exchange counts as silent (the app resyncs every 30 s). */
export const EXCHANGE_SILENT_AFTER_S = 90;

/**
 * A warning about the app's view of the exchange (`/api/status`'s `exchangeData`), or null while it is
 * current: the exchange has not answered for a while, or its socket is down and the app polls over REST.
 */
export function exchangeWarning(x: ExchangeData | null | undefined): string | null {
  if (!x) return null;
  if (x.accountAgeSeconds > EXCHANGE_SILENT_AFTER_S)
    return `exchange silent ${fmtDuration(x.accountAgeSeconds * 1000)}`;
  if (!x.streaming) return "socket down · polling";
  return null;
}
