"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { api, ApiError, readToken, writeToken } from "@/lib/api";
import { contestantHref, contestantOf } from "@/lib/arena";
import { fmtTime } from "@/lib/format";
import { exchangeWarning } from "@/lib/live";
import { useLive } from "./live";
import { StaleBanner } from "./states";

const PAGES = [
  { href: "/", label: "Overview" },
  { href: "/mind/", label: "Agent mind" },
  { href: "/transactions/", label: "Transactions" },
  { href: "/record/", label: "Track record" },
  { href: "/chart/", label: "Chart" },
  { href: "/3d/", label: "3D" },
  { href: "/arena/", label: "Arena" },
];

type KillAction = "stop-entries" | "flatten" | "resume";

const KILL_TEXT: Record<KillAction, { title: string; body: string; button: string }> = {
  "stop-entries": {
    title: "Stop new entries?",
    body: "The agent keeps managing and protecting open positions but opens nothing new until resumed.",
    button: "Stop entries",
  },
  flatten: {
    title: "Flatten everything?",
    body: "Closes every position at market, cancels all orders and stops the agent until resumed.",
    button: "Flatten",
  },
  resume: {
    title: "Resume trading?",
    body: "The agent goes back to normal operation (this also lifts a daily-loss halt).",
    button: "Resume",
  },
};

/** A modal dialog: takes the focus when it opens, closes on Escape or a click outside it. */
export function Modal({ children, onClose, label }: { children: ReactNode; onClose: () => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>("input, button, [href], textarea, select");
    (first ?? box.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      before?.focus?.();
    };
  }, []);
  return (
    <div className="modal-back" onClick={onClose}>
      <div
        ref={box}
        tabIndex={-1}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}

const READ_ONLY_KEY = "rez.killSwitchReadOnly";

function KillSwitch() {
  const { live, setLoop, apiDownSince } = useLive();
  const [pending, setPending] = useState<KillAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A server whose kill switch answered 503 read-only (an arena's): remembered for this tab.
  const [readOnly, setReadOnly] = useState<string | null>(null);
  useEffect(() => setReadOnly(sessionStorage.getItem(READ_ONLY_KEY)), []);
  const ks = live.status?.loop.killSwitch ?? "none";

  const open = (action: KillAction | null) => {
    setError(null);
    setPending(action);
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      const loop = await api.killSwitch(pending);
      setLoop(loop);
      setPending(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 503 && e.code === "read-only") {
        sessionStorage.setItem(READ_ONLY_KEY, e.message);
        setReadOnly(e.message);
        setPending(null);
        return;
      }
      setError(`The request failed, nothing changed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  // The status says so beforehand; older servers only by answering 503 read-only.
  const notHere = live.status?.readOnly ? "this server's loops are not steered through its API" : readOnly;
  if (notHere) {
    return (
      <div className="controls" aria-label="Kill switch">
        <span className="pill" title={notHere} data-testid="kill-read-only">
          kill switch not available here
        </span>
      </div>
    );
  }

  // Old values must not drive the kill switch: while the API does not answer, say so instead of acting.
  const down = apiDownSince !== null;
  const downTitle = down ? `The API has not answered since ${fmtTime(apiDownSince)} UTC` : undefined;
  return (
    <div className="controls" aria-label="Kill switch">
      <button
        className="danger"
        disabled={down || !live.status || ks === "stop-entries" || ks === "flatten"}
        title={downTitle}
        onClick={() => open("stop-entries")}
      >
        Stop entries
      </button>
      <button
        className="danger"
        disabled={down || !live.status || ks === "flatten"}
        title={downTitle}
        onClick={() => open("flatten")}
      >
        Flatten
      </button>
      <button
        disabled={down || !live.status || (ks === "none" && live.status.loop.state !== "halted")}
        title={downTitle}
        onClick={() => open("resume")}
      >
        Resume
      </button>
      {pending && (
        <Modal label={KILL_TEXT[pending].title} onClose={() => !busy && open(null)}>
          <h3>{KILL_TEXT[pending].title}</h3>
          <p className="muted">{KILL_TEXT[pending].body}</p>
          {error && (
            <p className="neg" role="alert" data-testid="kill-error">
              {error}
            </p>
          )}
          <div className="actions">
            <button onClick={() => open(null)} disabled={busy}>
              Cancel
            </button>
            <button
              className={pending === "resume" ? "primary" : "danger"}
              onClick={confirm}
              disabled={busy}
              data-testid="confirm-kill"
            >
              {busy ? "…" : `Confirm: ${KILL_TEXT[pending].button}`}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

function TokenButton() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  // Read after hydration: the static HTML cannot know the browser's storage.
  const [has, setHas] = useState(false);
  useEffect(() => setHas(readToken() !== null), []);
  return (
    <>
      <button
        onClick={() => {
          setValue(readToken() ?? "");
          setOpen(true);
        }}
        title="API token"
      >
        Token{has ? " ✓" : ""}
      </button>
      {open && (
        <Modal label="API token" onClose={() => setOpen(false)}>
          <h3>API token</h3>
          <p className="muted">
            When rez-app runs with <code>REZ_API_TOKEN</code>, enter it here. It is kept in this browser only and sent
            with every request.
          </p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              writeToken(value);
              window.location.reload();
            }}
          >
            <input
              type="password"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              style={{ width: "100%" }}
              aria-label="Token"
            />
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  writeToken(null);
                  window.location.reload();
                }}
              >
                Clear
              </button>
              <button type="submit" className="primary">
                Save
              </button>
            </div>
          </form>
        </Modal>
      )}
    </>
  );
}

function StatusPills() {
  const { live, statusError } = useLive();
  const s = live.status;
  const conn = live.connection;
  return (
    <div className="pills">
      <span className="pill" title="Live stream" data-testid="stream-state">
        <span className={`dot ${conn}`} />
        {conn === "open" ? "live" : conn}
      </span>
      {statusError && !s && (
        <span className="pill bad">{statusError.status === 401 ? "token required" : "API unreachable"}</span>
      )}
      {s && (
        <>
          <span className="pill">{s.mode}</span>
          <span className={`pill ${s.network === "mainnet" ? "warn" : ""}`}>{s.network}</span>
          <span
            className={`pill ${s.loop.state === "active" ? "ok" : s.loop.state === "halted" ? "bad" : "warn"}`}
            data-testid="loop-state"
          >
            {s.loop.state}
            {s.loop.safeMode ? " · safe mode" : ""}
          </span>
          {s.loop.killSwitch !== "none" && (
            <span className="pill bad" data-testid="kill-state">
              {s.loop.killSwitch}
            </span>
          )}
          {exchangeWarning(s.exchangeData) && (
            <span
              className="pill warn"
              data-testid="exchange-data"
              title="The app's view of the exchange: when the account was last read, whether the socket is connected"
            >
              {exchangeWarning(s.exchangeData)}
            </span>
          )}
        </>
      )}
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const path = usePathname() ?? "/";
  const norm = path.endsWith("/") ? path : path + "/";
  // An arena contestant's pages keep their ?contestant= (read after hydration: the static HTML cannot know it).
  const [contestant, setContestant] = useState<string | null>(null);
  useEffect(() => setContestant(contestantOf(window.location.search)), [path]);
  const { apiDownSince, live } = useLive();
  const stale = apiDownSince !== null && live.status !== null;
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand">
          REZ
        </Link>
        <nav className="nav">
          {PAGES.map((p) => (
            <Link
              key={p.href}
              href={contestant && p.href !== "/arena/" ? contestantHref(p.href, contestant) : p.href}
              className={norm === p.href ? "active" : ""}
            >
              {p.label}
            </Link>
          ))}
        </nav>
        <div className="spacer" />
        <StatusPills />
        {!contestant && <KillSwitch />}
        <TokenButton />
      </header>
      {contestant && (
        <div className="contestant-bar" data-testid="contestant-bar">
          Arena contestant <strong>{contestant}</strong> · <a href="/arena/">back to the Arena</a>
        </div>
      )}
      {stale && <StaleBanner since={apiDownSince} />}
      <main className={stale ? "stale" : undefined}>{children}</main>
    </div>
  );
}
