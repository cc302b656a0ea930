/** Display formatting. Every function accepts null/undefined/NaN and prints an em dash for them. */

export const DASH = "—";

function isNum(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

const nf = (min: number, max: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: min, maximumFractionDigits: max });
const usd2 = nf(2, 2);

/** `$10,012.50`, `-$8.00`. */
export function fmtUsd(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const text = usd2.format(Math.abs(v));
  return (v < 0 && text !== "0.00" ? "-$" : "$") + text;
}

/** `+$12.50`, `-$8.00`, `$0.00`. */
export function fmtSignedUsd(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const text = fmtUsd(v);
  return v > 0 && text !== "$0.00" ? "+" + text : text;
}

/** Compact money for big figures: `$12.3k`, `$1.25M`. */
export function fmtCompactUsd(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  const sign = v < 0 ? "-" : "";
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${sign}$${(a / 1e3).toFixed(1)}k`;
  return fmtUsd(v);
}

/** A price with precision that follows its magnitude (5 significant digits, at least 2 decimals ≥ 1). */
export function fmtPrice(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1000) return nf(1, 2).format(v);
  if (a >= 1) return nf(2, 4).format(v);
  const decimals = Math.min(8, Math.max(2, 4 - Math.floor(Math.log10(a))));
  return nf(2, decimals).format(v);
}

/** A size: up to 6 decimals, trailing zeros removed. */
export function fmtSize(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return nf(0, 6).format(v);
}

/** A fraction as percent: `0.6` → `60.0%`. */
export function fmtPct(fraction: number | null | undefined, digits = 1): string {
  if (!isNum(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A plain ratio, e.g. a profit factor or a Sharpe ratio. */
export function fmtRatio(v: number | null | undefined, digits = 2): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(digits);
}

/** An integer with thousands separators. */
export function fmtInt(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return nf(0, 0).format(Math.round(v));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function toDate(v: string | number | null | undefined): Date | null {
  if (v === null || v === undefined || v === "") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-01-01 00:00:05` in UTC (the API's and the exchange's clock). */
export function fmtDateTime(v: string | number | null | undefined): string {
  const d = toDate(v);
  if (!d) return DASH;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `00:00:05` in UTC. */
export function fmtTime(v: string | number | null | undefined): string {
  const d = toDate(v);
  if (!d) return DASH;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `840 ms`, `1.2 s`, `3m 05s`, `2h 10m`. */
export function fmtDuration(ms: number | null | undefined): string {
  if (!isNum(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m}m ${pad(totalS % 60)}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${pad(m % 60)}m`;
}

/** `5s ago`, `3m ago`, `in 12s` relative to `now` (ms). */
export function fmtRelative(v: string | number | null | undefined, now: number): string {
  const d = toDate(v);
  if (!d) return DASH;
  const diff = d.getTime() - now;
  const a = Math.abs(diff);
  let text: string;
  if (a < 1000) return "now";
  if (a < 60_000) text = `${Math.round(a / 1000)}s`;
  else if (a < 3_600_000) text = `${Math.round(a / 60_000)}m`;
  else if (a < 86_400_000) text = `${Math.round(a / 3_600_000)}h`;
  else text = `${Math.round(a / 86_400_000)}d`;
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

/**
 * A moment for people: relative to `now` on a real clock (`3m ago`, `in 12s (09:39:00)`), the UTC date-time
 * on a simulated one (demo and backtest run an accelerated clock, where "ago" would be wrong).
 */
export function fmtWhen(v: string | number | null | undefined, now: number, realClock: boolean): string {
  if (!realClock) {
    const t = fmtDateTime(v);
    return t === DASH ? t : `${t} UTC`;
  }
  const rel = fmtRelative(v, now);
  return rel.startsWith("in ") ? `${rel} (${fmtTime(v)})` : rel;
}

/** CSS class for a signed amount. */
export function pnlClass(v: number | null | undefined): "pos" | "neg" | "flat" {
  if (!isNum(v) || v === 0) return "flat";
  return v > 0 ? "pos" : "neg";
}

/** `0xabcd…1234` for addresses and hashes. */
export function shortHex(v: string | null | undefined, keep = 4): string {
  if (!v) return DASH;
  if (v.length <= 2 + keep * 2 + 1) return v;
  return `${v.slice(0, 2 + keep)}…${v.slice(-keep)}`;
}

/** `open_long` → `open long`. */
export function humanize(v: string | null | undefined): string {
  if (!v) return DASH;
  return v.replace(/[_-]+/g, " ");
}
