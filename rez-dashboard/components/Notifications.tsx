import type { SinkStatus } from "@/lib/types";

/** The notification sinks' delivery state, one line each, for the Agent panel. */
export function Notifications({ sinks }: { sinks: SinkStatus[] }) {
  if (sinks.length === 0) return <span className="muted">off</span>;
  return (
    <span data-testid="notifications">
      {sinks.map((s) => (
        <span key={s.sink} style={{ display: "block" }} data-sink={s.sink}>
          {s.sink}
          {" · "}
          {s.state === "delivering" ? (
            "ok"
          ) : (
            <span className={s.state === "retrying" ? "neg" : "muted"}>{s.state}</span>
          )}
          {s.lastDeliveredId ? ` · last #${s.lastDeliveredId}` : " · nothing sent yet"}
          {s.backlog > 0 ? ` · backlog ${s.backlog >= 1000 ? "1000+" : s.backlog}` : ""}
          {s.lastError ? (
            <span className="neg" title={s.lastError}>
              {" "}
              · {s.lastError}
            </span>
          ) : null}
        </span>
      ))}
    </span>
  );
}
