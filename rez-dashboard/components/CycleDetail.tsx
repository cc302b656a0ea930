"use client";

import { groupCycleEvents } from "@/lib/live";
import { fmtDateTime, fmtDuration, fmtPrice, fmtSize, fmtUsd, humanize } from "@/lib/format";
import type { DiaryEvent } from "@/lib/types";
import { Json } from "./Json";

type D = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v));

/** How the loop marks a corrective instruction the agent gave the model within a decision. */
const INSTRUCTION = "[instruction to the model] ";

function Step({ e }: { e: DiaryEvent }) {
  const d = e.data as D;
  if (e.type === "reasoning") {
    // The loop writes a turn's thinking and text as one text; an instruction from the agent is marked as such.
    const text = str(d.text);
    const instruction = text.startsWith(INSTRUCTION);
    return (
      <div className="step">
        <div className="muted" style={{ fontSize: 12 }}>
          step {str(d.step)} · {instruction ? "message to the model" : "reasoning"}
        </div>
        <div style={{ whiteSpace: "pre-wrap" }}>{instruction ? text.slice(INSTRUCTION.length) : text}</div>
      </div>
    );
  }
  if (e.type === "model-answer") {
    const tools = Array.isArray(d.tools) ? (d.tools as unknown[]).map(str) : [];
    const input = num(d.inputTokens);
    const output = num(d.outputTokens);
    return (
      <div className="step">
        <details>
          <summary className="muted" style={{ fontSize: 12 }}>
            step {str(d.step)} · model answer{input !== null && output !== null ? ` · ${input}+${output} tokens` : ""}
            {tools.length > 0 ? ` · calls ${tools.join(", ")}` : ""}
          </summary>
          {typeof d.thinking === "string" && d.thinking && (
            <div style={{ whiteSpace: "pre-wrap" }} className="muted">
              {d.thinking}
            </div>
          )}
          <Json value={{ text: d.text, tools: d.tools, arguments: d.arguments, requestHash: d.requestHash }} />
        </details>
      </div>
    );
  }
  return (
    <div className="step tool">
      <div className="muted" style={{ fontSize: 12 }}>
        step {str(d.step)} · tool{" "}
        <b className="mono" style={{ color: "var(--text)" }}>
          {str(d.tool)}
        </b>
        {num(d.durationMs) !== null ? ` · ${fmtDuration(num(d.durationMs))}` : ""}
      </div>
      <details>
        <summary>arguments</summary>
        <Json value={d.arguments} />
      </details>
      <details>
        <summary>{d.error ? <span className="neg">error</span> : "result"}</summary>
        <Json value={d.error ? d.error : d.result} />
      </details>
    </div>
  );
}

function Decision({ e }: { e: DiaryEvent }) {
  const d = e.data as D;
  return (
    <div className="panel" style={{ background: "var(--panel-2)", marginBottom: 8 }}>
      <div style={{ fontSize: 15 }}>
        <b>{humanize(str(d.action))}</b> {e.asset}
      </div>
      <div className="kv" style={{ margin: "6px 0" }}>
        {(num(d.notionalUsd) ?? 0) > 0 && (
          <>
            <span className="k">Notional</span>
            <span>{fmtUsd(num(d.notionalUsd))}</span>
          </>
        )}
        {(num(d.leverage) ?? 0) > 0 && (
          <>
            <span className="k">Leverage</span>
            <span>{str(d.leverage)}×</span>
          </>
        )}
        {num(d.takeProfit) !== null && (
          <>
            <span className="k">Take profit</span>
            <span className="pos">{fmtPrice(num(d.takeProfit))}</span>
          </>
        )}
        {num(d.stopLoss) !== null && (
          <>
            <span className="k">Stop loss</span>
            <span className="neg">{fmtPrice(num(d.stopLoss))}</span>
          </>
        )}
      </div>
      <div>{str(d.rationale)}</div>
    </div>
  );
}

function Verdict({ e }: { e: DiaryEvent }) {
  const d = e.data as { outcome?: string; reasons?: { code: string; message: string }[] };
  const outcome = str(d.outcome).toLowerCase();
  const cls = outcome.startsWith("approv") ? "traded" : outcome.startsWith("reject") ? "error" : "rejected";
  return (
    <div style={{ marginBottom: 6 }}>
      <span className={`badge ${cls}`}>{str(d.outcome)}</span> {e.asset}
      {d.reasons && d.reasons.length > 0 && (
        <ul style={{ margin: "4px 0 0 18px", padding: 0 }}>
          {d.reasons.map((r, i) => (
            <li key={i}>
              <span className="mono muted">{r.code}</span> {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Execution({ e }: { e: DiaryEvent }) {
  const d = e.data as D;
  if (e.type === "fill") {
    return (
      <div className="step">
        fill {e.asset} <span className={d.side === "buy" ? "pos" : "neg"}>{str(d.side)}</span> {fmtSize(num(d.size))} @{" "}
        {fmtPrice(num(d.price))} · fee {fmtUsd(num(d.fee))}
        {num(d.closedPnl) ? <> · PnL {fmtUsd(num(d.closedPnl))}</> : null}
      </div>
    );
  }
  if (e.type === "protection") {
    return (
      <div className="step">
        protection: {humanize(str(d.action))} {str(d.detail)}
      </div>
    );
  }
  const results = Array.isArray(d.results) ? (d.results as D[]) : [];
  const rejections = results.filter((r) => r && r.status === "rejected");
  const error = str(d.error);
  const reason = str(d.reason);
  return (
    <div className="step">
      <div>
        order {humanize(str(d.kind))} {e.asset}{" "}
        {num(d.latencyMs) !== null ? <span className="muted">· {fmtDuration(num(d.latencyMs))}</span> : null}
        {error || (results.length > 0 && rejections.length === results.length) ? (
          <>
            {" "}
            <span className="badge error">failed</span>
          </>
        ) : null}
      </div>
      {reason && <div className="muted">reason: {reason}</div>}
      {error && (
        <div className="neg" role="alert" data-testid="order-error">
          Error: {error}
        </div>
      )}
      {rejections.map((r, i) => (
        <div key={i} className="neg" data-testid="order-rejection">
          Rejected by the exchange: {str(r.error) || "no reason given"}
        </div>
      ))}
      <details>
        <summary>request and exchange answer</summary>
        <Json value={{ request: d.request, results: d.results }} />
      </details>
    </div>
  );
}

/** Everything one cycle did, grouped: context, prompt, reasoning and tools, decision, verdict, execution. */
export function CycleDetail({ cycle, events }: { cycle: number; events: DiaryEvent[] }) {
  const g = groupCycleEvents(events);
  const end = events.find((e) => e.type === "cycle-end");
  const endData = (end?.data ?? {}) as {
    durationMs?: number;
    ok?: boolean;
    tokens?: { input: number; output: number };
    costUsd?: number | null;
    decisionLatencyMs?: number;
  };
  return (
    <div className="detail" data-testid="cycle-detail">
      <h2 style={{ textTransform: "none", color: "var(--text)" }}>
        Cycle #{cycle}{" "}
        <span className="muted" style={{ fontSize: 12, fontWeight: 400 }}>
          {fmtDateTime(events[0]?.time)} UTC
          {end ? ` · ${fmtDuration(endData.durationMs)}` : " · in progress"}
          {endData.tokens ? ` · ${endData.tokens.input}+${endData.tokens.output} tokens` : ""}
          {endData.costUsd != null ? ` · $${endData.costUsd}` : ""}
          {endData.decisionLatencyMs ? ` · decision ${fmtDuration(endData.decisionLatencyMs)}` : ""}
        </span>
      </h2>
      {g.errors.length > 0 && (
        <section>
          <h2>Errors</h2>
          {g.errors.map((e) => (
            <div key={e.id} className="neg">
              {str((e.data as D).where)}: {str((e.data as D).message)}
            </div>
          ))}
        </section>
      )}
      <section>
        <h2>Decision</h2>
        {g.decisions.length === 0 ? (
          <div className="muted">No decision recorded.</div>
        ) : (
          g.decisions.map((e) => <Decision key={e.id} e={e} />)
        )}
      </section>
      <section>
        <h2>Risk verdict</h2>
        {g.verdicts.length === 0 ? (
          <div className="muted">No verdict.</div>
        ) : (
          g.verdicts.map((e) => <Verdict key={e.id} e={e} />)
        )}
      </section>
      <section>
        <h2>Execution</h2>
        {g.execution.length === 0 ? (
          <div className="muted">Nothing sent to the exchange.</div>
        ) : (
          g.execution.map((e) => <Execution key={e.id} e={e} />)
        )}
      </section>
      <section>
        <h2>Reasoning and tool calls</h2>
        {g.steps.length === 0 ? (
          <div className="muted">No reasoning recorded.</div>
        ) : (
          g.steps.map((e) => <Step key={e.id} e={e} />)
        )}
      </section>
      <section>
        <h2>Context and prompt</h2>
        {g.context.map((e) => (
          <details key={e.id}>
            <summary>context payload (v{str((e.data as D).version)})</summary>
            <Json value={(e.data as D).payload} />
          </details>
        ))}
        {g.prompt.map((e) => (
          <details key={e.id}>
            <summary>prompt</summary>
            <div className="muted" style={{ margin: "6px 0 2px" }}>
              system
            </div>
            <Json value={(e.data as D).system} />
            <div className="muted" style={{ margin: "6px 0 2px" }}>
              user
            </div>
            <Json value={(e.data as D).user} />
          </details>
        ))}
        {g.context.length + g.prompt.length === 0 && <div className="muted">Not recorded.</div>}
      </section>
      {g.other.length > 0 && (
        <section>
          <h2>Other events</h2>
          {g.other.map((e) => (
            <details key={e.id}>
              <summary>
                {e.type} · {fmtDateTime(e.time)}
              </summary>
              <Json value={e.data} />
            </details>
          ))}
        </section>
      )}
    </div>
  );
}
