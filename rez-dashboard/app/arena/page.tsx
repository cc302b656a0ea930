"use client";

import { useEffect, useMemo, useState } from "react";
import { api } from "@/lib/api";
import { ARENA_COLOURS, arenaRows, contestantHref, type ArenaRow } from "@/lib/arena";
import { fmtInt, fmtPct, fmtRatio, fmtSignedUsd, fmtUsd, pnlClass } from "@/lib/format";
import type { ArenaBoard } from "@/lib/types";
import { useApi } from "@/components/live";
import { ArenaChart } from "@/components/ArenaChart";
import { SortTable, type Column } from "@/components/SortTable";
import { Empty, View } from "@/components/states";

/** The board is polled while the arena runs. */
const POLL_MS = 2000;

const DRILL_DOWN = [
  { href: "/", label: "overview" },
  { href: "/mind/", label: "mind" },
  { href: "/transactions/", label: "trades" },
  { href: "/record/", label: "record" },
];

function columns(board: ArenaBoard): Column<ArenaRow>[] {
  const colour = new Map(board.contestants.map((c, i) => [c.name, ARENA_COLOURS[i % ARENA_COLOURS.length]]));
  return [
    {
      key: "name",
      label: "Contestant",
      left: true,
      value: (r) => r.name,
      render: (r) => (
        <span data-testid="arena-contestant">
          <span style={{ color: colour.get(r.name) }}>●</span> <strong>{r.name}</strong>
          {r.baseline ? <span className="muted"> (baseline)</span> : null}
        </span>
      ),
    },
    { key: "model", label: "Model", left: true, value: (r) => r.model },
    { key: "equity", label: "Equity", value: (r) => r.equity, render: (r) => fmtUsd(r.equity) },
    {
      key: "return",
      label: "Return",
      value: (r) => r.return,
      render: (r) => fmtPct(r.return, 2),
      className: (r) => pnlClass(r.return),
    },
    {
      key: "maxDrawdown",
      label: "Max DD (marked)",
      value: (r) => r.maxDrawdownFraction,
      render: (r) => fmtPct(r.maxDrawdownFraction, 2),
    },
    {
      key: "trades",
      label: "Trades",
      value: (r) => r.final?.trades ?? null,
      render: (r) => (r.final ? fmtInt(r.final.trades) : "…"),
    },
    {
      key: "winRate",
      label: "Win rate",
      value: (r) => r.final?.winRate ?? null,
      render: (r) => (r.final ? fmtPct(r.final.winRate) : "…"),
    },
    {
      key: "netPnl",
      label: "Net PnL",
      value: (r) => r.final?.netPnl ?? null,
      render: (r) => (r.final ? fmtSignedUsd(r.final.netPnl) : "…"),
      className: (r) => (r.final ? pnlClass(r.final.netPnl) : ""),
    },
    {
      key: "sharpe",
      label: "Sharpe/trade",
      value: (r) => r.final?.sharpe ?? null,
      render: (r) => (r.final ? fmtRatio(r.final.sharpe, 3) : "…"),
    },
    {
      key: "profitFactor",
      label: "PF",
      value: (r) => r.final?.profitFactor ?? null,
      render: (r) => (r.final ? fmtRatio(r.final.profitFactor) : "…"),
    },
    {
      key: "tokens",
      label: "Tokens",
      value: (r) => (r.final ? r.final.tokens.input + r.final.tokens.output : null),
      render: (r) => (r.final ? fmtInt(r.final.tokens.input + r.final.tokens.output) : "…"),
    },
    {
      key: "cost",
      label: "Cost",
      value: (r) => r.final?.costUsd ?? null,
      render: (r) => (r.final ? (r.final.costUsd === null ? "n/a" : fmtUsd(r.final.costUsd)) : "…"),
    },
    {
      key: "vsBaseline",
      label: "vs baseline (95 % CI)",
      value: (r) => r.final?.vsBaseline.meanReturnDifference ?? null,
      render: (r) =>
        r.final ? (
          r.baseline ? (
            "—"
          ) : (
            <span
              title={`mean per-cycle return difference ${r.final.vsBaseline.meanReturnDifference.toExponential(2)}`}
            >
              [{r.final.vsBaseline.ci95[0].toExponential(1)}, {r.final.vsBaseline.ci95[1].toExponential(1)}]{" "}
              {r.final.vsBaseline.verdict}
            </span>
          )
        ) : (
          "…"
        ),
      className: (r) =>
        r.final?.vsBaseline.verdict === "better" ? "pos" : r.final?.vsBaseline.verdict === "worse" ? "neg" : "",
    },
    {
      key: "pages",
      label: "Pages",
      left: true,
      value: () => null,
      render: (r) => (
        <span className="links">
          {DRILL_DOWN.map((p, i) => (
            <span key={p.href}>
              {i > 0 ? " · " : ""}
              {/* A full load: the pages' live state is then the contestant's. */}
              <a href={contestantHref(p.href, r.name)} data-testid={`drill-${r.name}-${p.label}`}>
                {p.label}
              </a>
            </span>
          ))}
        </span>
      ),
    },
  ];
}

export default function ArenaPage() {
  const [tick, setTick] = useState(0);
  const board = useApi((s) => api.arena(s), [tick]);
  // A 404 means this app runs no arena: nothing to wait for, so no polling.
  const noArena = board.error?.status === 404 && !board.data;
  const running = !noArena && board.data?.state !== "finished";
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((t) => t + 1), POLL_MS);
    return () => clearInterval(id);
  }, [running]);

  return (
    <>
      <h1>Arena</h1>
      {noArena ? (
        <Empty>
          <span data-testid="no-arena">
            This app runs no arena: start one with rez arena --port or rez demo --contestant.
          </span>
        </Empty>
      ) : (
        <View {...board} isEmpty={(d) => d.contestants.length === 0} empty="No contestant seated yet.">
          {(d) => <Board board={d} />}
        </View>
      )}
    </>
  );
}

function Board({ board }: { board: ArenaBoard }) {
  const rows = useMemo(() => arenaRows(board), [board]);
  const cols = useMemo(() => columns(board), [board]);
  return (
    <>
      <p className="muted" data-testid="arena-progress">
        {board.asset} {board.interval} · cycle {fmtInt(board.cycle)} of {fmtInt(board.cycles)} ·{" "}
        {board.state === "finished" ? "finished" : "running"}
        {board.state === "running" ? " (trades, Sharpe and the comparison with the baseline come when it is done)" : ""}
      </p>
      <div className="panel">
        <h2>Leaderboard</h2>
        <SortTable rows={rows} columns={cols} rowKey={(r) => r.name} testId="arena-table" />
      </div>
      <div className="panel">
        <h2>Equity</h2>
        <ArenaChart board={board} />
      </div>
    </>
  );
}
