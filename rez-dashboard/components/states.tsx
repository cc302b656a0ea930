"use client";

import type { ApiError } from "@/lib/api";

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

/** Renders loading / error / empty states around `children`. */
export function View<T>({
  data,
  error,
  loading,
  reload,
  empty,
  isEmpty,
  children,
}: {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload?: () => void;
  empty?: React.ReactNode;
  isEmpty?: (d: T) => boolean;
  children: (d: T) => React.ReactNode;
}) {
  if (data === null) {
    if (error) return <ErrorBox error={error} onRetry={reload} />;
    if (loading) return <Loading />;
    return null;
  }
  if (isEmpty && isEmpty(data)) return <Empty>{empty ?? "Nothing yet."}</Empty>;
  return <>{children(data)}</>;
}
