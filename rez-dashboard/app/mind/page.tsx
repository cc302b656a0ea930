"use client";

import { memo, useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/lib/api";
import { mergeCycles } from "@/lib/live";
import { fmtDateTime, fmtDuration, humanize } from "@/lib/format";
import type { CycleSummary } from "@/lib/types";
import { useApi, useLive } from "@/components/live";
import { VirtualList } from "@/components/VirtualList";
import { CycleDetail } from "@/components/CycleDetail";
import { Empty, ErrorBox, Loading } from "@/components/states";

const ACTIONS = ["open_long", "open_short", "close", "adjust_protection", "hold"];
const OUTCOMES = ["traded", "rejected", "held", "error"];
const ROW = 46;

interface Filters {
  asset: string;
  action: string;
  outcome: string;
  q: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The cycles matching the filters, loaded page by page and kept fresh from the live stream. The API may answer
 * a sparse filter with short (even empty) pages that still have more: those are followed until the view has
 * enough rows or {@link MAX_CHAIN} pages were read in a row.
 */
const FIRST_PAGE = 200;
const NEXT_PAGE = 500;
const ENOUGH = 60;
const MAX_CHAIN = 10;

function useCycles(filters: Filters, liveRevision: number) {
  const [cycles, setCycles] = useState<CycleSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const current = useRef<CycleSummary[]>([]);
  current.current = cycles;
  const query = { asset: filters.asset, action: filters.action, outcome: filters.outcome, q: filters.q };
  const key = JSON.stringify(query);

  const fetchPage = useCallback(
    (gen: number, cursor: string | null, chain: number) => {
      inFlight.current = true;
      api.cycles({ ...query, cursor, limit: cursor ? NEXT_PAGE : FIRST_PAGE }).then(
        (p) => {
          if (gen !== generation.current) return;
          const total = cursor ? mergeCycles(current.current, p.cycles).length : p.cycles.length;
          setCycles((old) => (cursor ? mergeCycles(old, p.cycles) : p.cycles));
          setNext(p.next);
          setHasMore(p.hasMore);
          inFlight.current = false;
          const chainOn = p.hasMore && !!p.next && total < ENOUGH && chain < MAX_CHAIN;
          setLoading(chainOn && total === 0);
          if (chainOn) fetchPage(gen, p.next, chain + 1);
        },
        (e) => {
          if (gen !== generation.current) return;
          setError(e);
          setLoading(false);
          inFlight.current = false;
        },
      );
      // eslint-disable-next-line react-hooks/exhaustive-deps
    },
    [key],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setCycles([]);
    current.current = [];
    setNext(null);
    setHasMore(false);
    setLoading(true);
    setError(null);
    fetchPage(gen, null, 0);
  }, [fetchPage]);

  // New cycles from the stream: fetch the newest page and merge.
  useEffect(() => {
    if (liveRevision === 0) return;
    const gen = generation.current;
    api.cycles({ ...query, limit: 20 }).then(
      (p) => {
        if (gen === generation.current) setCycles((old) => mergeCycles(old, p.cycles));
      },
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveRevision]);

  /** Loads the next page (when scrolling near the end, or on request). */
  const loadMore = useCallback(() => {
    if (!hasMore || !next || inFlight.current) return;
    fetchPage(generation.current, next, MAX_CHAIN - 1);
  }, [hasMore, next, fetchPage]);

  return { cycles, hasMore, loading, error, loadMore };
}

function topDecision(c: CycleSummary) {
  const traded = c.decisions.find((d) => d.action !== "hold");
  return traded ?? c.decisions[0] ?? null;
}

/** One timeline row; memoised so scrolling re-renders only the rows that enter the view. */
const CycleRow = memo(function CycleRow({
  c,
  top,
  selected,
  onSelect,
}: {
  c: CycleSummary;
  top: number;
  selected: boolean;
  onSelect: (cycle: number) => void;
}) {
  const d = topDecision(c);
  return (
    <div
      className={`vrow${selected ? " selected" : ""}`}
      style={{ top, height: ROW }}
      onClick={() => onSelect(c.cycle)}
      onKeyDown={(e) => e.key === "Enter" && onSelect(c.cycle)}
      role="button"
      tabIndex={0}
      data-cycle={c.cycle}
    >
      <span className="mono">#{c.cycle}</span>
      <span className="muted mono" style={{ fontSize: 12 }}>
        {fmtDateTime(c.startedAt).slice(11)}
      </span>
      <span style={{ minWidth: 0 }}>
        <div className="top">
          {d ? (
            <>
              <b>{humanize(d.action)}</b> {d.asset}
            </>
          ) : (
            <span className="muted">no decision</span>
          )}
          {c.decisions.length > 1 && <span className="muted"> +{c.decisions.length - 1}</span>}
          {c.error && <span className="neg"> · {c.error}</span>}
        </div>
        <div className="rationale">{d?.rationale ?? ""}</div>
      </span>
      <span style={{ textAlign: "right" }}>
        <span className={`badge ${c.outcome}`}>{c.outcome}</span>
        <div className="muted" style={{ fontSize: 11 }}>
          {fmtDuration(c.durationMs)}
        </div>
      </span>
    </div>
  );
});

export default function MindPage() {
  const { live } = useLive();
  const [asset, setAsset] = useState("");
  const [action, setAction] = useState("");
  const [outcome, setOutcome] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const { cycles, hasMore, loading, error, loadMore } = useCycles({ asset, action, outcome, q }, live.revisions.cycles);
  const [selected, setSelectedState] = useState<number | null>(null);
  // The open cycle lives in the URL's hash (#cycle-12): links to a cycle can be shared and survive a reload.
  useEffect(() => {
    const m = window.location.hash.match(/^#cycle-(\d+)$/);
    if (m) setSelectedState(Number(m[1]));
  }, []);
  const setSelected = useCallback((cycle: number) => {
    setSelectedState(cycle);
    window.history.replaceState(null, "", `#cycle-${cycle}`);
  }, []);
  const detail = useApi(
    (s) => (selected === null ? Promise.resolve(null) : api.cycle(selected, s)),
    [selected, selected !== null && cycles[0]?.cycle === selected ? live.revisions.cycles : 0],
  );
  const assets = live.status?.assets ?? [];

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const i = cycles.findIndex((c) => c.cycle === selected);
    const j = e.key === "ArrowDown" ? Math.min(cycles.length - 1, i + 1) : Math.max(0, i - 1);
    if (cycles[j]) setSelected(cycles[j].cycle);
    e.preventDefault();
  };

  return (
    <>
      <h1>Agent mind</h1>
      <div className="filters">
        <select value={asset} onChange={(e) => setAsset(e.target.value)} aria-label="Asset">
          <option value="">All assets</option>
          {assets.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select value={action} onChange={(e) => setAction(e.target.value)} aria-label="Decision">
          <option value="">All decisions</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {humanize(a)}
            </option>
          ))}
        </select>
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)} aria-label="Outcome">
          <option value="">All outcomes</option>
          {OUTCOMES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <input
          type="search"
          placeholder="Search reasoning…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search reasoning"
          maxLength={200}
          style={{ minWidth: 220 }}
        />
        <span className="muted" data-testid="cycle-count">
          {cycles.length.toLocaleString("en-US")}
          {hasMore ? "+" : ""} cycles
        </span>
      </div>
      <div className="mind" onKeyDown={onKey}>
        <div>
          {error && cycles.length === 0 ? (
            <ErrorBox error={error} />
          ) : loading ? (
            <Loading label="Loading cycles…" />
          ) : cycles.length === 0 ? (
            <Empty>
              {asset || action || outcome || q ? "No cycle matches these filters" : "The agent has not run a cycle yet"}
              {hasMore ? " among the latest cycles. " : "."}
              {hasMore && <button onClick={loadMore}>Search older cycles</button>}
            </Empty>
          ) : (
            <VirtualList
              count={cycles.length}
              rowHeight={ROW}
              onEndReached={hasMore ? loadMore : undefined}
              testId="cycle-list"
              renderRow={(i, style) => (
                <CycleRow
                  key={cycles[i].cycle}
                  c={cycles[i]}
                  top={style.top as number}
                  selected={selected === cycles[i].cycle}
                  onSelect={setSelected}
                />
              )}
            />
          )}
        </div>
        <div className="panel">
          {selected === null ? (
            <Empty>
              Select a cycle to see its context, prompt, reasoning, tool calls, decision, risk verdict and execution.
            </Empty>
          ) : detail.error && !detail.data ? (
            <ErrorBox error={detail.error} onRetry={detail.reload} />
          ) : !detail.data || detail.data.cycle !== selected ? (
            <Loading label={`Loading cycle #${selected}…`} />
          ) : (
            <CycleDetail cycle={detail.data.cycle} events={detail.data.events} />
          )}
        </div>
      </div>
    </>
  );
}
