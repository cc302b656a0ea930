"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { fmtDateTime, fmtPrice, fmtSignedUsd, fmtSize, fmtUsd, pnlClass, shortHex } from "@/lib/format";
import type { Fill, Order } from "@/lib/types";
import { useApi, useLive } from "@/components/live";
import { SortTable, type Column } from "@/components/SortTable";
import { View } from "@/components/states";

const FILL_COLUMNS: Column<Fill>[] = [
  {
    key: "time",
    label: "Time (UTC)",
    value: (f) => Date.parse(f.time),
    render: (f) => fmtDateTime(f.time),
    left: true,
  },
  { key: "asset", label: "Asset", value: (f) => f.asset, left: true },
  {
    key: "side",
    label: "Side",
    value: (f) => f.side,
    left: true,
    className: (f) => (f.side === "buy" ? "pos" : "neg"),
  },
  { key: "price", label: "Price", value: (f) => f.price, render: (f) => fmtPrice(f.price) },
  { key: "size", label: "Size", value: (f) => f.size, render: (f) => fmtSize(f.size) },
  { key: "notional", label: "Notional", value: (f) => f.notional, render: (f) => fmtUsd(f.notional) },
  { key: "fee", label: "Fee", value: (f) => f.fee, render: (f) => fmtUsd(f.fee) },
  {
    key: "closedPnl",
    label: "Realised PnL",
    value: (f) => f.closedPnl,
    render: (f) => fmtSignedUsd(f.closedPnl),
    className: (f) => pnlClass(f.closedPnl),
  },
  { key: "liquidity", label: "Liquidity", value: (f) => (f.taker ? "taker" : "maker"), left: true },
  { key: "orderId", label: "Order", value: (f) => f.orderId, render: (f) => <span className="mono">{f.orderId}</span> },
  {
    key: "tx",
    label: "Transaction",
    value: (f) => f.hash,
    left: true,
    render: (f) =>
      f.explorerUrl ? (
        <a href={f.explorerUrl} target="_blank" rel="noopener noreferrer" className="mono" title={f.hash ?? ""}>
          {shortHex(f.hash)} ↗
        </a>
      ) : (
        <span className="muted" title="simulated trade: not on the explorer">
          simulated
        </span>
      ),
  },
];

const ORDER_COLUMNS: Column<Order>[] = [
  {
    key: "placedAt",
    label: "Placed (UTC)",
    value: (o) => Date.parse(o.placedAt),
    render: (o) => fmtDateTime(o.placedAt),
    left: true,
  },
  { key: "asset", label: "Asset", value: (o) => o.asset, left: true },
  {
    key: "side",
    label: "Side",
    value: (o) => o.side,
    left: true,
    className: (o) => (o.side === "buy" ? "pos" : "neg"),
  },
  { key: "kind", label: "Kind", value: (o) => o.trigger ?? "limit", left: true },
  { key: "size", label: "Size", value: (o) => o.size, render: (o) => fmtSize(o.size) },
  { key: "limitPrice", label: "Limit", value: (o) => o.limitPrice, render: (o) => fmtPrice(o.limitPrice) },
  { key: "triggerPrice", label: "Trigger", value: (o) => o.triggerPrice, render: (o) => fmtPrice(o.triggerPrice) },
  { key: "reduceOnly", label: "Reduce only", value: (o) => (o.reduceOnly ? "yes" : "no") },
  { key: "orderId", label: "Order", value: (o) => o.orderId, render: (o) => <span className="mono">{o.orderId}</span> },
];

export default function TransactionsPage() {
  const { live } = useLive();
  const [limit, setLimit] = useState(100);
  // cursors[i] is the cursor of page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const fills = useApi(
    (s) => api.fills({ cursor: cursors[page], limit }, s),
    [cursors, limit, page === 0 ? live.revisions.fills : 0],
  );
  const orders = useApi((s) => api.orders(s), [live.revisions.positions]);

  return (
    <>
      <h1>Transactions</h1>
      <div className="panel">
        <h2>Fills</h2>
        <View {...fills} isEmpty={(d) => d.fills.length === 0 && page === 0} empty="No fill yet.">
          {(d) => (
            <>
              <SortTable
                rows={d.fills}
                columns={FILL_COLUMNS}
                rowKey={(f, i) => `${f.time}-${f.orderId}-${i}`}
                testId="fills"
              />
              <div className="pager">
                <button disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  ← Newer
                </button>
                <span className="muted" data-testid="fills-page">
                  page {page + 1}
                </span>
                <button disabled={!d.hasMore || !d.next} onClick={() => setCursors((c) => [...c, d.next])}>
                  Older →
                </button>
                <span className="spacer" style={{ flex: 1 }} />
                <label className="muted">
                  per page{" "}
                  <select
                    value={limit}
                    onChange={(e) => {
                      setLimit(Number(e.target.value));
                      setCursors([null]);
                    }}
                  >
                    {[25, 50, 100, 250, 500].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            </>
          )}
        </View>
      </div>
      <div className="panel">
        <h2>Open orders</h2>
        <View {...orders} isEmpty={(d) => d.orders.length === 0} empty="No resting order.">
          {(d) => (
            <SortTable rows={d.orders} columns={ORDER_COLUMNS} rowKey={(o) => String(o.orderId)} testId="orders" />
          )}
        </View>
      </div>
    </>
  );
}
