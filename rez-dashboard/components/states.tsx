"use client";

import type { ApiError } from "@/lib/api";
import { fmtTime } from "@/lib/format";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <div className="skeleton" style={{ maxWidth: 420, margin: "0 auto 10px" }} />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorBox({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  const status = (error as ApiError).status;
  return (
    <div className="state error" role="alert">
      {status === 401
        ? "The API requires a token: set it with the “Token” button at the top."
        : status === 0
          ? `The Rez API is unreachable: ${error.message}`
          : `Error: ${error.message}`}
      {onRetry && (
        <div style={{ marginTop: 10 }}>
          <button onClick={onRetry}>Retry</button>
        </div>
      )}
    </div>
  );
}

/**
 * Says that the values shown are old: the API stopped answering (or a refresh failed) at `since`. Shown above
 * data kept from before, which is dimmed (`.stale`).
 */
export function StaleBanner({
  since,
  error,
  onRetry,
}: {
  since: number | null;
  error?: ApiError | Error | null;
  onRetry?: () => void;
}) {
  const status = (error as ApiError | null | undefined)?.status;
  const when = since === null ? "" : ` since ${fmtTime(since)} UTC`;
  return (
    <div className="stale-banner" role="alert" data-testid="stale-banner">
      {status === undefined || status === 0
        ? `API unreachable${when} — values are from then.`
        : `Refresh failed${when} (${error?.message}) — values are from then.`}
      {onRetry && (
        <>
          {" "}
          <button onClick={onRetry}>Retry</button>
        </>
      )}
    </div>
  );
}

/**
 * Renders loading / error / empty states around `children`. When a reload fails after data was shown, the old
 * data stays, dimmed, under a banner saying since when it is old.
 */
export function View<T>({
  data,
  error,
  loading,
  reload,
  staleSince = null,
  empty,
  isEmpty,
  children,
}: {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload?: () => void;
  /** When the reloads started failing (epoch ms); null while the data is fresh. */
  staleSince?: number | null;
  empty?: React.ReactNode;
  isEmpty?: (d: T) => boolean;
  children: (d: T) => React.ReactNode;
}) {
  if (data === null) {
    if (error) return <ErrorBox error={error} onRetry={reload} />;
    if (loading) return <Loading />;
    return null;
  }
  const body = isEmpty && isEmpty(data) ? <Empty>{empty ?? "Nothing yet."}</Empty> : children(data);
  if (!error) return <>{body}</>;
  return (
    <>
      <StaleBanner since={staleSince} error={error} onRetry={reload} />
      <div className="stale" data-testid="stale">
        {body}
      </div>
    </>
  );
}
