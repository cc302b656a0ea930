"use client";

import { useMemo } from "react";
import { api } from "@/lib/api";
import {
  fmtDuration,
  fmtPrice,
  fmtSignedUsd,
  fmtWhen,
  fmtSize,
  fmtUsd,
  humanize,
  pnlClass,
  shortHex,
} from "@/lib/format";
import type { CycleSummary, EquityPoint } from "@/lib/types";
import { useApi, useLive, useNow } from "@/components/live";
import { revalued } from "@/lib/live";
import { EquityChart } from "@/components/EquityChart";
import { Empty, ErrorBox, Loading, View } from "@/components/states";
import { Notifications } from "@/components/Notifications";

function Card({ label, value, cls, testId }: { label: string; value: string; cls?: string; testId?: string }) {
  return (
    <div className="card">
      <div className="label">{label}</div>
      <div className={`value ${cls ?? ""}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function LastDecisions({ cycle, now, realClock }: { cycle: CycleSummary; now: number; realClock: boolean }) {
  // Actions first, holds after.
  const decisions = [...cycle.decisions].sort((a, b) => Number(a.action === "hold") - Number(b.action === "hold"));
  return (
    <div data-testid="last-decision">
      {cycle.error && (
        <div className="neg" style={{ marginBottom: 6 }}>
          {cycle.error}
        </div>
      )}
      {decisions.map((d, i) => (
        <div key={i} style={{ marginBottom: 8 }}>
          <div>
            <b>{humanize(d.action)}</b> {d.asset}{" "}
            {d.verdict && d.verdict !== "approved" && <span className="badge rejected">{d.verdict}</span>}
          </div>
          <div className={d.action === "hold" ? "muted" : ""}>{d.rationale || "(no rationale)"}</div>
        </div>
      ))}
      <div className="muted" style={{ fontSize: 12 }}>
        cycle #{cycle.cycle} · {fmtWhen(cycle.startedAt, now, realClock)} ·{" "}
        <span className={`badge ${cycle.outcome}`}>{cycle.outcome}</span>
      </div>
    </div>
  );
}

export default function OverviewPage() {
  const { live, statusError } = useLive();
  const now = useNow(1000);
  const positions = useApi((s) => api.positions(s), [live.revisions.positions]);
  const stats = useApi((s) => api.stats(s), [live.revisions.stats]);
  // The newest cycle that got as far as a decision (the newest one may still be thinking).
  const lastCycle = useApi(
    (s) => api.cycles({ limit: 3 }, s).then((p) => p.cycles.find((c) => c.decisions.length > 0 || c.error) ?? null),
    [live.revisions.cycles],
  );
  const account = live.account;
  const status = live.status;
  // demo and backtest run on a simulated (accelerated) clock: show their times as they are.
  const realClock = status?.mode === "live";

  const curve: EquityPoint[] = useMemo(() => {
    const base = stats.data?.equityCurve ?? [];
    const lastBase = base.length ? Date.parse(base[base.length - 1].time) : -Infinity;
    return [...base, ...live.equity.filter((p) => Date.parse(p.time) > lastBase)];
  }, [stats.data, live.equity]);

  return (
    <>
      <h1>Overview</h1>
      {!account && statusError ? (
        <ErrorBox error={statusError} />
      ) : !account ? (
        <Loading label="Loading account…" />
      ) : (
        <div className="cards">
          <Card label="Equity" value={fmtUsd(account.equity)} testId="equity" />
          <Card label="Withdrawable" value={fmtUsd(account.withdrawable)} />
          <Card label="Margin used" value={fmtUsd(account.marginUsed)} />
          <Card
            label="Unrealised PnL"
            value={fmtSignedUsd(account.unrealizedPnl)}
            cls={pnlClass(account.unrealizedPnl)}
            testId="unrealized-pnl"
          />
          <Card
            label="Realised PnL (gross, before fees)"
            value={fmtSignedUsd(account.realizedPnl)}
            cls={pnlClass(account.realizedPnl)}
            testId="realized-pnl"
          />
          <Card
            label="Net PnL (after fees and funding)"
            value={stats.data ? fmtSignedUsd(stats.data.overall.netPnl) : "—"}
            cls={stats.data ? pnlClass(stats.data.overall.netPnl) : undefined}
            testId="net-pnl"
          />
          <Card label="Fees paid" value={fmtUsd(account.fees)} />
        </div>
      )}

      <div className="two">
        <div>
          <div className="panel">
            <h2>Equity</h2>
            {curve.length < 2 ? (
              stats.error && !stats.data ? (
                <ErrorBox error={stats.error} onRetry={stats.reload} />
              ) : stats.loading && !stats.data ? (
                <Loading />
              ) : (
                <Empty>Not enough history for a curve yet.</Empty>
              )
            ) : (
              <EquityChart points={curve} />
            )}
          </div>
          <div className="panel">
            <h2>Open positions</h2>
            <View {...positions} isEmpty={(d) => d.positions.length === 0} empty="No open position.">
              {(d) => (
                <div className="table-wrap">
                  <table data-testid="positions">
                    <thead>
                      <tr>
                        <th>Asset</th>
                        <th>Side</th>
                        <th>Size</th>
                        <th>Entry</th>
                        <th>Mark</th>
                        <th>PnL</th>
                        <th>Take profit</th>
                        <th>Stop loss</th>
                        <th>Liquidation</th>
                        <th>Leverage</th>
                        <th>Margin</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.positions
                        .map((p0) => revalued(p0, live.marks[p0.asset]))
                        .map((p) => (
                          <tr key={p.asset}>
                            <td>{p.asset}</td>
                            <td className={p.side === "long" ? "pos" : "neg"}>{p.side}</td>
                            <td>{fmtSize(p.size)}</td>
                            <td>{fmtPrice(p.entryPrice)}</td>
                            <td>{fmtPrice(p.markPrice)}</td>
                            <td className={pnlClass(p.unrealizedPnl)}>{fmtSignedUsd(p.unrealizedPnl)}</td>
                            <td className="pos">{fmtPrice(p.takeProfit)}</td>
                            <td className={p.stopLoss === null ? "warn" : "neg"}>
                              {p.stopLoss === null ? "none!" : fmtPrice(p.stopLoss)}
                            </td>
                            <td>{fmtPrice(p.liquidationPrice)}</td>
                            <td>{p.leverage}×</td>
                            <td>{fmtUsd(p.marginUsed)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              )}
            </View>
          </div>
        </div>
        <div>
          <div className="panel">
            <h2>Last decisions</h2>
            {lastCycle.data ? (
              <LastDecisions cycle={lastCycle.data} now={now} realClock={realClock} />
            ) : lastCycle.error ? (
              <ErrorBox error={lastCycle.error} onRetry={lastCycle.reload} />
            ) : lastCycle.loading ? (
              <Loading />
            ) : (
              <Empty>No decision yet.</Empty>
            )}
          </div>
          <div className="panel">
            <h2>Agent</h2>
            {!status ? (
              statusError ? (
                <ErrorBox error={statusError} />
              ) : (
                <Loading />
              )
            ) : (
              <div className="kv" data-testid="agent-status">
                <span className="k">Mode</span>
                <span>
                  {status.mode}
                  {realClock ? "" : " (simulated clock)"}
                </span>
                <span className="k">Network</span>
                <span>{status.network}</span>
                <span className="k">Model</span>
                <span>{status.model}</span>
                <span className="k">Risk profile</span>
                <span>{status.riskProfile}</span>
                <span className="k">Assets</span>
                <span>
                  {status.assets.join(", ")} · {status.interval}
                </span>
                <span className="k">Loop</span>
                <span>
                  {status.loop.state}
                  {status.loop.killSwitch !== "none" ? ` · kill switch: ${status.loop.killSwitch}` : ""}
                  {status.loop.safeMode ? " · safe mode" : ""}
                  {status.loop.haltReason ? <span className="neg"> · {status.loop.haltReason}</span> : null}
                </span>
                <span className="k">Last cycle</span>
                <span>
                  {status.lastCycle ? (
                    <>
                      #{status.lastCycle.cycle} ·{" "}
                      {fmtWhen(status.lastCycle.finishedAt ?? status.lastCycle.startedAt, now, realClock)} ·{" "}
                      {fmtDuration(status.lastCycle.durationMs)}{" "}
                      {status.lastCycle.ok ? "" : <span className="neg">failed</span>}
                    </>
                  ) : (
                    "none yet"
                  )}
                </span>
                <span className="k">Next cycle</span>
                <span>{status.nextCycleAt ? fmtWhen(status.nextCycleAt, now, realClock) : "not scheduled"}</span>
                <span className="k">Account</span>
                <span className="mono" title={status.address}>
                  {shortHex(status.address)}
                </span>
                {status.signer && status.signer !== status.address && (
                  <>
                    <span className="k">Signer</span>
                    <span className="mono" title={status.signer}>
                      {shortHex(status.signer)}
                    </span>
                  </>
                )}
                <span className="k">Notifications</span>
                <Notifications sinks={status.notifications ?? []} />
                <span className="k">Version</span>
                <span>{status.version}</span>
              </div>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
