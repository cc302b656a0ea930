"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { api, ApiError } from "@/lib/api";
import { contestantOf } from "@/lib/arena";
import { initialLiveState, liveReducer, type LiveAction, type LiveState } from "@/lib/live";
import { StreamClient } from "@/lib/stream";
import type { Account, DiaryEvent, LoopState, MarkUpdate, Status } from "@/lib/types";

interface LiveContextValue {
  live: LiveState;
  dispatch: (action: LiveAction) => void;
  /** Set when the first status request failed (e.g. 401 without a token). */
  statusError: ApiError | null;
  /**
   * Since when the API stopped answering (epoch ms): the live stream dropped or a status request failed. Null
   * while it answers; the live values shown are then from that time.
   */
  apiDownSince: number | null;
  setLoop: (loop: LoopState) => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** How often the status is read again besides the stream's `status` events. */
const STATUS_POLL_MS = 15_000;

export function LiveProvider({ children }: { children: ReactNode }) {
  const [live, dispatch] = useReducer(liveReducer, initialLiveState);
  const [statusError, setStatusError] = useState<ApiError | null>(null);
  const [apiDownSince, setApiDownSince] = useState<number | null>(null);
  const statusRef = useRef<Status | null>(null);
  statusRef.current = live.status;

  // A layout effect runs before the pages' effects: the status and account requests go out first.
  useLayoutEffect(() => {
    const ctl = new AbortController();
    let wasOpen = false;
    let loadFailed = false;
    const load = () => {
      api.status(ctl.signal).then(
        (s) => {
          dispatch({ type: "status", status: s });
          setStatusError(null);
          setApiDownSince(null);
        },
        (e) => {
          if (e?.name === "AbortError") return;
          loadFailed = true;
          setStatusError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
          setApiDownSince((since) => since ?? Date.now());
        },
      );
      api.account(ctl.signal).then(
        (a) => dispatch({ type: "account", account: a }),
        (e) => {
          if (e?.name !== "AbortError") loadFailed = true;
        },
      );
    };
    load();
    // An arena contestant's pages show snapshots: the live stream is the app's own, not a contestant's.
    if (contestantOf(window.location.search)) return () => ctl.abort();
    // The stream sends the status when the loop changes; how current the exchange data is changes on its
    // own, so the status is also read again now and then (a failure here is the stream's to report).
    const poll = setInterval(() => {
      api.status(ctl.signal).then(
        (s) => dispatch({ type: "status", status: s }),
        () => {},
      );
    }, STATUS_POLL_MS);
    const client = new StreamClient({
      url: (last) => api.streamUrl(last),
      onState: (state) => {
        dispatch({ type: "connection", state });
        if (state === "open") {
          // Back after a restart (or the first load failed): refresh the snapshot and every page's data.
          if (wasOpen || loadFailed) {
            loadFailed = false;
            load();
            dispatch({ type: "resync" });
          }
          wasOpen = true;
        } else if (wasOpen) {
          // The stream dropped: what is shown is from now on older than it looks until it is back.
          setApiDownSince((since) => since ?? Date.now());
        }
      },
      onMessage: (m) => {
        if (m.event === "diary") dispatch({ type: "diary", event: m.data as DiaryEvent });
        else if (m.event === "account") dispatch({ type: "account", account: m.data as Account });
        else if (m.event === "status") dispatch({ type: "status", status: m.data as Status });
        else if (m.event === "mark") {
          const d = m.data as MarkUpdate;
          dispatch({ type: "mark", asset: d.asset, mark: d.mark, time: d.time });
        }
      },
    });
    client.start();
    return () => {
      clearInterval(poll);
      ctl.abort();
      client.stop();
    };
  }, []);

  const setLoop = useCallback((loop: LoopState) => {
    const s = statusRef.current;
    if (s) dispatch({ type: "status", status: { ...s, loop } });
  }, []);

  return (
    <LiveContext.Provider value={{ live, dispatch, statusError, apiDownSince, setLoop }}>
      {children}
    </LiveContext.Provider>
  );
}

export function useLive(): LiveContextValue {
  const v = useContext(LiveContext);
  if (!v) throw new Error("useLive must be used inside <LiveProvider>");
  return v;
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** When the requests started failing while `data` was already shown (epoch ms); null while fresh. */
  staleSince: number | null;
}

/**
 * Loads data with `fn` whenever `deps` change; keeps the previous data while reloading (no flicker on
 * live refreshes) and aborts the request in flight when superseded.
 */
export function useApi<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [staleSince, setStaleSince] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    fn(ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(null);
        setStaleSince(null);
        setLoading(false);
      },
      (e) => {
        if (ctl.signal.aborted || e?.name === "AbortError") return;
        setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e?.message ?? e)));
        setStaleSince((since) => since ?? Date.now());
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, staleSince };
}

/** Re-renders every `ms` milliseconds (for relative times). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
