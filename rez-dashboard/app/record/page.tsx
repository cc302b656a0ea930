"use client";

import { useMemo } from "react";
import { api } from "@/lib/api";
import {
  fmtCompactUsd,
  fmtDateTime,
  fmtInt,
  fmtPct,
  fmtPrice,
  fmtRatio,
  fmtSignedUsd,
  fmtSize,
  fmtUsd,
  pnlClass,
} from "@/lib/format";
import { histogram, perAssetRows, tradeNetPnl, type AssetRow } from "@/lib/stats";
import type { StatsBlock, Trade } from "@/lib/types";
import { useApi, useLive } from "@/components/live";
import { EquityChart } from "@/components/EquityChart";
import { SortTable, type Column } from "@/components/SortTable";
import { Empty, View } from "@/components/states";

function Cards({ s }: { s: StatsBlock }) {
  const items: [string, string, string?][] = [
    ["Trades", fmtInt(s.trades)],
    ["Win rate", fmtPct(s.winRate), undefined],
    ["Net PnL", fmtSignedUsd(s.netPnl), pnlClass(s.netPnl)],
    ["Realised PnL (gross, before fees)", fmtSignedUsd(s.realizedPnl), pnlClass(s.realizedPnl)],
    ["Average trade", fmtSignedUsd(s.averageTrade), pnlClass(s.averageTrade)],
    ["Average win", fmtSignedUsd(s.averageWin), pnlClass(s.averageWin)],
    ["Average loss", fmtSignedUsd(s.averageLoss), pnlClass(s.averageLoss)],
    ["Profit factor", fmtRatio(s.profitFactor)],
    ["Volume", fmtCompactUsd(s.volume)],
    ["Fees", fmtUsd(s.fees)],
    ["Funding", fmtSignedUsd(s.funding), pnlClass(s.funding)],
    [
      "Max drawdown (closed trades)",
      `${fmtUsd(s.maxDrawdown)} (${fmtPct(s.maxDrawdownFraction, 2)})`,
      s.maxDrawdown > 0 ? "neg" : undefined,
    ],
    ["Sharpe (per trade)", fmtRatio(s.sharpe)],
  ];
  return (
    <div className="cards" data-testid="record-cards">
      {items.map(([label, value, cls]) => (
        <div className="card" key={label}>
          <div className="label">{label}</div>
          <div className={`value ${cls ?? ""}`}>{value}</div>
        </div>
      ))}
    </div>
  );
}

const ASSET_COLUMNS: Column<AssetRow>[] = [
  { key: "asset", label: "Asset", value: (r) => r.asset, left: true },
  { key: "trades", label: "Trades", value: (r) => r.trades },
  { key: "winRate", label: "Win rate", value: (r) => r.winRate, render: (r) => fmtPct(r.winRate) },
  {
    key: "averageTrade",
    label: "Avg trade",
    value: (r) => r.averageTrade,
    render: (r) => fmtSignedUsd(r.averageTrade),
    className: (r) => pnlClass(r.averageTrade),
  },
  {
    key: "profitFactor",
    label: "Profit factor",
    value: (r) => r.profitFactor,
    render: (r) => fmtRatio(r.profitFactor),
  },
  { key: "volume", label: "Volume", value: (r) => r.volume, render: (r) => fmtCompactUsd(r.volume) },
  { key: "fees", label: "Fees", value: (r) => r.fees, render: (r) => fmtUsd(r.fees) },
  {
    key: "netPnl",
    label: "Net PnL",
    value: (r) => r.netPnl,
    render: (r) => fmtSignedUsd(r.netPnl),
    className: (r) => pnlClass(r.netPnl),
  },
  { key: "maxDrawdown", label: "Max DD", value: (r) => r.maxDrawdown, render: (r) => fmtUsd(r.maxDrawdown) },
];

const TRADE_COLUMNS: Column<Trade>[] = [
  {
    key: "closedAt",
    label: "Closed (UTC)",
    value: (t) => Date.parse(t.closedAt),
    render: (t) => fmtDateTime(t.closedAt),
    left: true,
  },
  { key: "asset", label: "Asset", value: (t) => t.asset, left: true },
  {
    key: "side",
    label: "Side",
    value: (t) => t.side,
    left: true,
    className: (t) => (t.side === "long" ? "pos" : "neg"),
  },
  { key: "size", label: "Size", value: (t) => t.size, render: (t) => fmtSize(t.size) },
  { key: "entryPrice", label: "Entry", value: (t) => t.entryPrice, render: (t) => fmtPrice(t.entryPrice) },
  { key: "exitPrice", label: "Exit", value: (t) => t.exitPrice, render: (t) => fmtPrice(t.exitPrice) },
  { key: "fees", label: "Fees", value: (t) => t.fees, render: (t) => fmtUsd(t.fees) },
  {
    key: "pnl",
    label: "Gross PnL",
    value: (t) => t.pnl,
    render: (t) => fmtSignedUsd(t.pnl),
    className: (t) => pnlClass(t.pnl),
  },
  {
    key: "netPnl",
    label: "Net PnL",
    value: (t) => tradeNetPnl(t),
    render: (t) => fmtSignedUsd(tradeNetPnl(t)),
    className: (t) => pnlClass(tradeNetPnl(t)),
  },
  {
    key: "duration",
    label: "Held",
    value: (t) => Date.parse(t.closedAt) - Date.parse(t.openedAt),
    render: (t) => `${Math.round((Date.parse(t.closedAt) - Date.parse(t.openedAt)) / 60000)} min`,
  },
];

function Distribution({ trades }: { trades: Trade[] }) {
  const bins = useMemo(
    () => histogram(trades.map(tradeNetPnl), Math.min(30, Math.max(5, Math.ceil(Math.sqrt(trades.length))))),
    [trades],
  );
  if (bins.length === 0) return <Empty>No closed trade yet.</Empty>;
  const max = Math.max(...bins.map((b) => b.count));
  return (
    <>
      <div className="bars" data-testid="pnl-histogram" role="img" aria-label="Distribution of trade PnL after fees">
        {bins.map((b, i) => (
          <div
            key={i}
            className="bar"
            title={`${fmtUsd(b.from)} … ${fmtUsd(b.to)}: ${b.count} trade(s)`}
            style={{
              height: `${max ? (b.count / max) * 100 : 0}%`,
              background: b.to <= 0 ? "var(--neg)" : b.from >= 0 ? "var(--pos)" : "var(--warn)",
              opacity: b.count ? 0.85 : 0.15,
              minHeight: 1,
            }}
          />
        ))}
      </div>
      <div className="legend">
        <span>{fmtUsd(bins[0].from)}</span>
        <span style={{ flex: 1 }} />
        <span>trade PnL after fees (as the averages)</span>
        <span style={{ flex: 1 }} />
        <span>{fmtUsd(bins[bins.length - 1].to)}</span>
      </div>
    </>
  );
}

export default function RecordPage() {
  const { live } = useLive();
  const stats = useApi((s) => api.stats(s), [live.revisions.stats]);
  return (
    <>
      <h1>Track record</h1>
      <View {...stats}>
        {(d) => (
          <>
            <Cards s={d.overall} />
            <div className="two">
              <div className="panel">
                <h2>Equity</h2>
                {d.equityCurve.length < 2 ? (
                  <Empty>Not enough history yet.</Empty>
                ) : (
                  <EquityChart points={d.equityCurve} />
                )}
              </div>
              <div className="panel">
                <h2>Trade PnL distribution (net of fees)</h2>
                <Distribution trades={d.trades} />
              </div>
            </div>
            <div className="panel">
              <h2>Per asset</h2>
              {Object.keys(d.perAsset).length === 0 ? (
                <Empty>No trade yet.</Empty>
              ) : (
                <SortTable
                  rows={perAssetRows(d.perAsset)}
                  columns={ASSET_COLUMNS}
                  rowKey={(r) => r.asset}
                  testId="per-asset"
                />
              )}
            </div>
            <div className="panel">
              <h2>Trades ({d.trades.length})</h2>
              {d.trades.length === 0 ? (
                <Empty>No closed trade yet.</Empty>
              ) : (
                <SortTable
                  rows={d.trades}
                  columns={TRADE_COLUMNS}
                  rowKey={(t, i) => `${t.asset}-${t.closedAt}-${i}`}
                  initial={{ key: "closedAt", dir: "desc" }}
                  testId="trades"
                  pageSize={100}
                />
              )}
            </div>
          </>
        )}
      </View>
    </>
  );
}
