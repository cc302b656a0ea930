// A stand-in for rez-app's HTTP API (docs/API.md) with deterministic, simulated data, so the dashboard can be
// developed and tested end to end without the Java app. It also serves the static export (out/).
//
//   node tests/fake-api.mjs                      # http://127.0.0.1:7070, serves ./out
//   FAKE_PORT=0 FAKE_CYCLES=10000 FAKE_CYCLE_MS=3000 FAKE_TOKEN=secret node tests/fake-api.mjs
//   FAKE_GOLDEN=1 node tests/fake-api.mjs        # answers the GET routes with the recorded real answers
//
// With FAKE_GOLDEN=1 (option golden: true) the JSON routes answer the golden files of tests/golden, recorded from
// the real app by scripts/record-golden.sh, whatever the query; the simulated world still drives the stream and
// the kill switch. tests/unit/golden.test.ts checks that the simulated answers have the goldens' structure.
//
// Only listens on 127.0.0.1.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const FIVE_MIN = 300_000;
/** The fake arena's contestants (their equity is the world's scaled by `scale`). */
const ARENA = [
  { name: "rules", model: "offline-rules", profile: "moderate", scale: 1 },
  { name: "bold", model: "offline-rules", profile: "high", scale: 1.8 },
  { name: "hosted", model: "openrouter/some-model", profile: "moderate", scale: -0.6 },
];
const INTERVALS = { "1m": 60_000, "5m": 300_000, "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000, "1d": 86_400_000 };
const ASSETS = { BTC: 64000, ETH: 3200, SOL: 150 };
const RATIONALES = {
  open_long: [
    "RSI recovered from oversold and price reclaimed the 12 EMA; momentum turning up",
    "Breakout above the upper Bollinger band on rising volume",
    "MACD crossed above signal with funding neutral; trend continuation",
  ],
  open_short: [
    "Rejected at resistance with bearish MACD divergence",
    "RSI overbought and price lost the 12 EMA; fading the move",
    "Breakdown below the lower Bollinger band, momentum negative",
  ],
  close: [
    "Target mostly reached and momentum fading; taking profit",
    "Thesis invalidated: trend flipped, closing",
    "Volatility expanding against the position; reducing risk",
  ],
  adjust_protection: [
    "Moving the stop-loss to break-even after a favourable move",
    "Tightening the stop under the last swing low",
  ],
  hold: [
    "No clear edge: RSI mid-range and price inside the bands",
    "Waiting for confirmation; volume is thin",
    "Position is fine; protection in place, nothing to do",
  ],
};

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const hex = (rnd, n) => "0x" + Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");

/** Builds the simulated world: price paths, cycles, fills, trades, positions. */
function createWorld({ cycles, now }) {
  const rnd = mulberry32(42);
  const assets = Object.keys(ASSETS);
  const t0 = now - cycles * FIVE_MIN;
  const path = Object.fromEntries(assets.map((a) => [a, [{ t: t0 - 400 * FIVE_MIN, p: ASSETS[a] }]]));
  // Price history before the first cycle, for candles and warm-up.
  for (let i = 1; i <= 400; i++) for (const a of assets) stepPrice(a, t0 - (400 - i) * FIVE_MIN);

  const w = {
    assets,
    path,
    cycleList: [],
    cycleIndex: new Map(),
    liveEvents: [],
    fills: [],
    trades: [],
    positions: new Map(),
    orders: [],
    realized: 0,
    fees: 0,
    volume: 0,
    equityCurve: [{ time: iso(t0), equity: 10000 }],
    nextOrderId: 1000,
    nextTradeId: 500000,
    loop: { state: "active", killSwitch: "none", haltReason: null, safeMode: false },
    startedAt: iso(now),
    lastCycle: null,
    rnd,
  };

  function stepPrice(a, t) {
    const arr = path[a];
    const prev = arr[arr.length - 1].p;
    const drift = Math.sin(t / (FIVE_MIN * 240) + a.length) * 0.0004;
    arr.push({ t, p: round(prev * (1 + drift + (rnd() - 0.5) * 0.006), a === "SOL" ? 3 : 1) });
  }
  w.stepPrice = stepPrice;
  w.priceAt = (a, t) => {
    const arr = path[a];
    if (t <= arr[0].t) return arr[0].p;
    if (t >= arr[arr.length - 1].t) return arr[arr.length - 1].p;
    let lo = 0,
      hi = arr.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (arr[mid].t <= t) lo = mid;
      else hi = mid;
    }
    const f = (t - arr[lo].t) / (arr[hi].t - arr[lo].t);
    return arr[lo].p + (arr[hi].p - arr[lo].p) * f;
  };
  for (let i = 1; i <= cycles; i++) runCycle(w, t0 + i * FIVE_MIN, false);
  return w;
}

function addFill(w, t, asset, side, price, size, closedPnl, cycle) {
  const notional = round(price * size, 2);
  const fee = round(notional * 0.00015, 4);
  w.fees += fee;
  w.volume += notional;
  w.realized += closedPnl;
  const fill = {
    time: iso(t),
    asset,
    side,
    price,
    size,
    notional,
    fee,
    closedPnl: round(closedPnl, 4),
    orderId: w.nextOrderId++,
    cloid: hex(w.rnd, 32),
    taker: true,
    hash: hex(w.rnd, 64),
    tradeId: w.nextTradeId++,
    explorerUrl: null,
    cycle,
  };
  w.fills.push(fill);
  return fill;
}

function closePosition(w, t, asset, price, cycle, reason) {
  const pos = w.positions.get(asset);
  const pnl = (price - pos.entryPrice) * pos.size * (pos.side === "long" ? 1 : -1);
  const fill = addFill(w, t, asset, pos.side === "long" ? "sell" : "buy", price, pos.size, pnl, cycle);
  w.trades.push({
    asset,
    side: pos.side,
    openedAt: pos.openedAt,
    closedAt: iso(t),
    entryPrice: pos.entryPrice,
    exitPrice: price,
    size: pos.size,
    pnl: round(pnl, 4),
    fees: round(pos.fee + fill.fee, 4),
    reason,
  });
  w.positions.delete(asset);
  w.equityCurve.push({ time: iso(t), equity: round(10000 + w.realized - w.fees, 2) });
  return fill;
}

/** Runs one agent cycle at time t; returns its summary (and stores what is needed to rebuild its events). */
function runCycle(w, t, live) {
  const rnd = w.rnd;
  const cycle = w.cycleList.length + 1;
  for (const a of w.assets) w.stepPrice(a, t);
  const record = {
    cycle,
    t,
    decisions: [],
    exec: [],
    error: null,
    durationMs: 300 + Math.floor(rnd() * 1500),
    tokens: { input: 1100 + Math.floor(rnd() * 600), output: 150 + Math.floor(rnd() * 250) },
  };
  // Protection triggers first.
  for (const [asset, pos] of [...w.positions]) {
    const p = w.priceAt(asset, t);
    const hitSl = pos.side === "long" ? p <= pos.stopLoss : p >= pos.stopLoss;
    const hitTp = pos.side === "long" ? p >= pos.takeProfit : p <= pos.takeProfit;
    if (hitSl || hitTp) {
      const fill = closePosition(
        w,
        t,
        asset,
        hitSl ? pos.stopLoss : pos.takeProfit,
        cycle,
        hitSl ? "stop-loss" : "take-profit",
      );
      record.exec.push({
        type: "protection",
        asset,
        data: {
          action: hitSl ? "stop-loss-triggered" : "take-profit-triggered",
          detail: `${asset} ${hitSl ? "stop-loss" : "take-profit"} filled at ${fill.price}`,
        },
      });
      record.exec.push({ type: "fill", asset, data: fill });
    }
  }
  if (rnd() < 0.01) {
    record.error = "model timed out after 30 s";
  } else {
    for (const asset of w.assets) {
      const price = w.priceAt(asset, t);
      const pos = w.positions.get(asset);
      const r = rnd();
      let action = "hold";
      if (!pos) action = r < 0.035 ? "open_long" : r < 0.07 ? "open_short" : "hold";
      else action = r < 0.08 ? "close" : r < 0.12 ? "adjust_protection" : "hold";
      const rationale = pick(rnd, RATIONALES[action]);
      const d = {
        asset,
        action,
        rationale,
        notionalUsd: null,
        leverage: null,
        takeProfit: null,
        stopLoss: null,
        verdict: "approved",
        reasons: [],
      };
      if (action.startsWith("open")) {
        const long = action === "open_long";
        d.notionalUsd = round(500 + rnd() * 1500, 2);
        d.leverage = 1 + Math.floor(rnd() * 5);
        d.takeProfit = round(price * (long ? 1.025 : 0.975), 2);
        d.stopLoss = round(price * (long ? 0.988 : 1.012), 2);
        if (w.loop.killSwitch !== "none") {
          d.verdict = "rejected";
          d.reasons.push({ code: "kill-switch", message: "new entries are stopped by the kill switch" });
        } else if (rnd() < 0.12) {
          d.verdict = "rejected";
          d.reasons.push({
            code: "max-leverage",
            message: `leverage ${d.leverage + 10} above the profile's limit of 10`,
          });
        } else if (rnd() < 0.1) {
          d.verdict = "adjusted";
          d.reasons.push({
            code: "max-position",
            message: `notional reduced to ${d.notionalUsd} USD, the profile's limit per position`,
          });
        }
      }
      record.decisions.push(d);
      if (d.verdict === "rejected" || action === "hold") continue;
      if (action.startsWith("open")) {
        const long = action === "open_long";
        const size = round(d.notionalUsd / price, asset === "BTC" ? 5 : asset === "ETH" ? 4 : 2);
        const fill = addFill(w, t, asset, long ? "buy" : "sell", price, size, 0, cycle);
        w.positions.set(asset, {
          asset,
          side: long ? "long" : "short",
          size,
          entryPrice: price,
          leverage: d.leverage,
          takeProfit: d.takeProfit,
          stopLoss: d.stopLoss,
          openedAt: iso(t),
          fee: fill.fee,
        });
        record.exec.push({
          type: "order",
          asset,
          data: {
            kind: "entry",
            request: {
              asset,
              isBuy: long,
              size,
              limitPrice: round(price * (long ? 1.01 : 0.99), 2),
              reduceOnly: false,
              tif: "Ioc",
            },
            results: [{ status: "filled", orderId: fill.orderId, avgPrice: price, totalSize: size }],
            latencyMs: 40 + Math.floor(rnd() * 80),
          },
        });
        record.exec.push({ type: "fill", asset, data: fill });
        record.exec.push({
          type: "order",
          asset,
          data: {
            kind: "protection",
            request: { takeProfit: d.takeProfit, stopLoss: d.stopLoss, reduceOnly: true },
            results: [
              { status: "resting", orderId: w.nextOrderId++ },
              { status: "resting", orderId: w.nextOrderId++ },
            ],
            latencyMs: 30 + Math.floor(rnd() * 50),
          },
        });
      } else if (action === "close") {
        const fill = closePosition(w, t, asset, price, cycle, "agent");
        record.exec.push({
          type: "order",
          asset,
          data: {
            kind: "close",
            request: { asset, isBuy: fill.side === "buy", size: fill.size, reduceOnly: true, tif: "Ioc" },
            results: [{ status: "filled", orderId: fill.orderId, avgPrice: price }],
            latencyMs: 40 + Math.floor(rnd() * 80),
          },
        });
        record.exec.push({ type: "fill", asset, data: fill });
      } else if (action === "adjust_protection") {
        const p = w.positions.get(asset);
        p.stopLoss = round(
          p.side === "long" ? Math.max(p.stopLoss, price * 0.992) : Math.min(p.stopLoss, price * 1.008),
          2,
        );
        record.exec.push({
          type: "protection",
          asset,
          data: { action: "stop-loss-moved", detail: `${asset} stop-loss now ${p.stopLoss}` },
        });
      }
    }
  }
  const traded = record.exec.some((e) => e.type === "fill");
  record.outcome = record.error
    ? "error"
    : traded
      ? "traded"
      : record.decisions.some((d) => d.verdict === "rejected")
        ? "rejected"
        : "held";
  w.cycleList.push(record);
  w.lastCycle = {
    cycle,
    startedAt: iso(t),
    finishedAt: iso(t + record.durationMs),
    durationMs: record.durationMs,
    ok: !record.error,
  };
  return record;
}

function summary(r) {
  return {
    cycle: r.cycle,
    startedAt: iso(r.t),
    durationMs: r.durationMs,
    assets: ["BTC", "ETH", "SOL"],
    decisions: r.decisions.map((d) => ({
      asset: d.asset,
      action: d.action,
      rationale: d.rationale,
      verdict: d.verdict,
    })),
    outcome: r.outcome,
    tokens: r.tokens,
    error: r.error,
  };
}

/** Every diary event of a cycle, rebuilt deterministically from its record. */
function cycleEvents(w, r) {
  const out = [];
  let seq = 0;
  const add = (type, asset, data, dt = 0) =>
    out.push({ id: `${r.cycle}-${seq++}`, time: iso(r.t + dt), cycle: r.cycle, type, asset, data });
  const rnd = mulberry32(r.cycle * 7919);
  add("cycle-start", null, { cycle: r.cycle, assets: w.assets });
  const markets = Object.fromEntries(
    w.assets.map((a) => {
      const p = w.priceAt(a, r.t);
      return [
        a,
        {
          price: p,
          rsi14: round(30 + rnd() * 40, 1),
          ema12: round(p * (1 + (rnd() - 0.5) * 0.004), 2),
          macdHist: round((rnd() - 0.5) * 20, 3),
          fundingRate: round((rnd() - 0.5) * 0.0002, 6),
        },
      ];
    }),
  );
  add(
    "context",
    null,
    { version: 1, payload: { time: iso(r.t), account: { equity: 10000 }, markets, riskProfile: "moderate" } },
    5,
  );
  add(
    "prompt",
    null,
    {
      version: "rez.prompt/1",
      system: "You are Rez, a disciplined perpetual-futures trading agent. Always protect positions with a stop-loss.",
      user: `Cycle ${r.cycle}. Market context attached. Decide for ${w.assets.join(", ")}.`,
    },
    6,
  );
  add(
    "reasoning",
    null,
    {
      step: 1,
      text: `Check the book depth before sizing anything.\n\nReviewing ${w.assets.join(", ")}: BTC RSI ${markets.BTC.rsi14}, ETH RSI ${markets.ETH.rsi14}. Checking the order book before deciding.`,
    },
    200,
  );
  add(
    "tool-call",
    "BTC",
    {
      step: 1,
      tool: "get_order_book",
      arguments: { asset: "BTC", depth: 5 },
      result: JSON.stringify({
        bids: [[round(markets.BTC.price - 1, 1), 2.1]],
        asks: [[round(markets.BTC.price + 1, 1), 1.7]],
      }),
      error: null,
      durationMs: 12 + Math.floor(rnd() * 30),
    },
    260,
  );
  if (r.error) {
    add("error", null, { where: "model", message: r.error }, r.durationMs - 5);
  } else {
    add("reasoning", null, { step: 2, text: r.decisions.map((d) => `${d.asset}: ${d.rationale}.`).join(" ") }, 400);
    for (const d of r.decisions)
      add(
        "decision",
        d.asset,
        {
          action: d.action,
          notionalUsd: d.notionalUsd,
          leverage: d.leverage,
          takeProfit: d.takeProfit,
          stopLoss: d.stopLoss,
          rationale: d.rationale,
        },
        500,
      );
    for (const d of r.decisions)
      add(
        "risk-verdict",
        d.asset,
        {
          outcome: d.verdict,
          reasons: d.reasons,
          decision: {
            action: d.action,
            notionalUsd: d.notionalUsd,
            leverage: d.leverage,
            takeProfit: d.takeProfit,
            stopLoss: d.stopLoss,
            rationale: d.rationale,
          },
        },
        510,
      );
  }
  for (const e of r.exec) add(e.type, e.asset, e.type === "fill" ? fillEvent(e.data) : e.data, 600);
  add(
    "cycle-end",
    null,
    {
      cycle: r.cycle,
      durationMs: r.durationMs,
      ok: !r.error,
      tokens: r.tokens,
      decisionLatencyMs: Math.max(100, r.durationMs - 200),
      safeMode: false,
    },
    r.durationMs,
  );
  return out;
}

/** A fill as the diary records it: with the position before it (signed; a closing fill's is the closed size). */
function fillEvent(f) {
  const closing = f.closedPnl !== 0;
  return { ...stripFill(f), startPosition: closing ? (f.side === "sell" ? f.size : -f.size) : 0 };
}

function stripFill(f) {
  const { cycle, ...rest } = f;
  return rest;
}

function statsBlock(trades) {
  const n = trades.length;
  const net = trades.map((t) => t.pnl - t.fees);
  const wins = trades.filter((t) => t.pnl > 0);
  const losses = trades.filter((t) => t.pnl <= 0);
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const grossWin = sum(wins.map((t) => t.pnl));
  const grossLoss = -sum(losses.map((t) => t.pnl));
  let peak = 0,
    eq = 0,
    maxDd = 0;
  for (const v of net) {
    eq += v;
    peak = Math.max(peak, eq);
    maxDd = Math.max(maxDd, peak - eq);
  }
  const mean = n ? sum(net) / n : 0;
  const sd = n > 1 ? Math.sqrt(sum(net.map((v) => (v - mean) ** 2)) / (n - 1)) : 0;
  return {
    trades: n,
    wins: wins.length,
    losses: losses.length,
    winRate: n ? round(wins.length / n, 4) : null,
    averageWin: wins.length ? round(grossWin / wins.length, 4) : null,
    averageLoss: losses.length ? round(-grossLoss / losses.length, 4) : null,
    averageTrade: n ? round(sum(trades.map((t) => t.pnl)) / n, 4) : null,
    profitFactor: grossLoss > 0 ? round(grossWin / grossLoss, 4) : null,
    volume: round(sum(trades.map((t) => (t.entryPrice + t.exitPrice) * t.size)), 2),
    realizedPnl: round(sum(trades.map((t) => t.pnl)), 4),
    fees: round(sum(trades.map((t) => t.fees)), 4),
    funding: 0,
    netPnl: round(sum(net), 4),
    maxDrawdown: round(maxDd, 4),
    maxDrawdownFraction: round(maxDd / 10000, 6),
    sharpe: sd > 0 ? round((mean / sd) * Math.sqrt(n), 4) : null,
  };
}

function ema(values, n) {
  const k = 2 / (n + 1);
  const out = new Array(values.length).fill(null);
  let prev = null;
  for (let i = 0; i < values.length; i++) {
    if (i < n - 1) continue;
    prev = prev === null ? values.slice(0, n).reduce((a, b) => a + b, 0) / n : values[i] * k + prev * (1 - k);
    out[i] = prev;
  }
  return out;
}

function indicatorSeries(spec, closes) {
  const [name, ...args] = spec.split(":");
  const nums = args.map(Number);
  if (nums.some((x) => !Number.isFinite(x) || x <= 0)) throw new Error(`bad indicator '${spec}'`);
  const r = (a) => a.map((v) => (v === null ? null : round(v, 4)));
  if (name === "ema" && nums.length === 1) return { [spec]: r(ema(closes, nums[0])) };
  if (name === "bb" && nums.length === 2) {
    const [n, k] = nums;
    const up = [],
      mid = [],
      lo = [],
      pb = [],
      bw = [];
    for (let i = 0; i < closes.length; i++) {
      if (i < n - 1) {
        up.push(null);
        mid.push(null);
        lo.push(null);
        pb.push(null);
        bw.push(null);
        continue;
      }
      const win = closes.slice(i - n + 1, i + 1);
      const m = win.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(win.reduce((a, b) => a + (b - m) ** 2, 0) / n);
      up.push(m + k * sd);
      mid.push(m);
      lo.push(m - k * sd);
      pb.push(sd > 0 ? (closes[i] - (m - k * sd)) / (2 * k * sd) : null);
      bw.push(m !== 0 ? (2 * k * sd) / m : null);
    }
    return {
      [`${spec}.upper`]: r(up),
      [`${spec}.middle`]: r(mid),
      [`${spec}.lower`]: r(lo),
      [`${spec}.percentB`]: r(pb),
      [`${spec}.bandwidth`]: r(bw),
    };
  }
  if (name === "rsi" && nums.length === 1) {
    const n = nums[0];
    const out = new Array(closes.length).fill(null);
    let g = 0,
      l = 0;
    for (let i = 1; i < closes.length; i++) {
      const ch = closes[i] - closes[i - 1];
      const up = Math.max(0, ch),
        dn = Math.max(0, -ch);
      if (i <= n) {
        g += up / n;
        l += dn / n;
        if (i < n) continue;
      } else {
        g = (g * (n - 1) + up) / n;
        l = (l * (n - 1) + dn) / n;
      }
      out[i] = l === 0 ? 100 : 100 - 100 / (1 + g / l);
    }
    return { [spec]: r(out) };
  }
  if (name === "macd" && nums.length === 3) {
    const [f, s, sig] = nums;
    const ef = ema(closes, f),
      es = ema(closes, s);
    const macd = closes.map((_, i) => (ef[i] === null || es[i] === null ? null : ef[i] - es[i]));
    const start = macd.findIndex((v) => v !== null);
    const sigSeries = new Array(closes.length).fill(null);
    if (start >= 0) ema(macd.slice(start), sig).forEach((v, i) => (sigSeries[start + i] = v));
    const hist = macd.map((v, i) => (v === null || sigSeries[i] === null ? null : v - sigSeries[i]));
    return { [`${spec}.macd`]: r(macd), [`${spec}.signal`]: r(sigSeries), [`${spec}.hist`]: r(hist) };
  }
  throw new Error(`unknown indicator '${spec}'`);
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function intParam(url, name, def, min, max) {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return def;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new HttpError(400, "bad-parameter", `${name} must be in ${min}..${max} but was ${raw}`);
  return v;
}

function parseCursor(raw) {
  if (raw === null || raw === "") return null;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new HttpError(400, "bad-parameter", `cursor is not valid: ${raw}`);
  return v;
}

const idKey = (id) => {
  const [c, s] = String(id).split("-").map(Number);
  return Number.isFinite(c) && Number.isFinite(s) ? c * 1e6 + s : -1;
};

/** Starts the fake API. Returns {url, port, close(), world}. */
const GOLDEN_ROUTES = {
  "/api/health": "health",
  "/api/status": "status",
  "/api/account": "account",
  "/api/positions": "positions",
  "/api/orders": "orders",
  "/api/fills": "fills",
  "/api/diary": "diary",
  "/api/cycles": "cycles",
  "/api/stats": "stats",
  "/api/candles": "candles",
  "/api/arena": "arena",
};

/** The golden answers of tests/golden, by file name. */
export function loadGoldens(dir = new URL("./golden/", import.meta.url)) {
  const out = {};
  for (const name of [...Object.values(GOLDEN_ROUTES), "cycle", "error-not-found", "stream-mark"]) {
    out[name] = JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8"));
  }
  return out;
}

/** The golden answer to a GET of `path`, or null when no golden covers it. */
function goldenAnswer(golden, path) {
  const name = GOLDEN_ROUTES[path];
  if (name) return { status: 200, body: golden[name] };
  const cycle = /^\/api\/cycles\/(\d+)$/.exec(path);
  if (cycle) {
    return Number(cycle[1]) === golden.cycle.cycle
      ? { status: 200, body: golden.cycle }
      : { status: 404, body: golden["error-not-found"] };
  }
  return null;
}

export async function startFakeApi(options = {}) {
  const port = options.port ?? Number(process.env.FAKE_PORT ?? 7070);
  const staticDir =
    options.staticDir ?? process.env.FAKE_STATIC_DIR ?? fileURLToPath(new URL("../out/", import.meta.url));
  const token = options.token ?? process.env.FAKE_TOKEN ?? null;
  const cycleMs = options.cycleMs ?? Number(process.env.FAKE_CYCLE_MS ?? 4000);
  const cycles = options.cycles ?? Number(process.env.FAKE_CYCLES ?? 10000);
  const golden = (options.golden ?? Boolean(process.env.FAKE_GOLDEN)) ? loadGoldens() : null;
  const w = createWorld({ cycles, now: Date.now() });
  const clients = new Set();
  const sockets = new Set();

  const account = () => {
    let upnl = 0,
      margin = 0;
    for (const p of w.positions.values()) {
      const mark = w.priceAt(p.asset, Date.now());
      upnl += (mark - p.entryPrice) * p.size * (p.side === "long" ? 1 : -1);
      margin += (p.entryPrice * p.size) / p.leverage;
    }
    const equity = 10000 + w.realized - w.fees + upnl;
    return {
      equity: round(equity, 2),
      marginUsed: round(margin, 2),
      withdrawable: round(equity - margin, 2),
      unrealizedPnl: round(upnl, 4),
      realizedPnl: round(w.realized, 4),
      fees: round(w.fees, 4),
      time: iso(Date.now()),
    };
  };
  const status = () => ({
    version: "0.1.0",
    mode: "demo",
    network: "simulator",
    address: "0x5e1f0c3ab7d24c1e9a0b6d3f2c8e7a9b1d4c6e80",
    signer: "0x5e1f0c3ab7d24c1e9a0b6d3f2c8e7a9b1d4c6e80",
    assets: w.assets,
    interval: "5m",
    model: "offline-rules",
    riskProfile: "moderate",
    loop: w.loop,
    lastCycle: w.lastCycle,
    nextCycleAt: w.loop.state === "active" ? iso(Date.now() + cycleMs) : null,
    exchangeUrl: "http://127.0.0.1:7071",
    startedAt: w.startedAt,
    diary: { state: "ok", error: null, since: null, pending: 0, dropped: 0 },
    notifications: [
      {
        sink: "webhook",
        state: "delivering",
        lastDeliveredId: "42",
        lastDeliveredAt: w.startedAt,
        backlog: 0,
        delivered: 3,
        lastError: null,
        lastErrorAt: null,
        nextAttemptAt: null,
      },
    ],
    tools: [{ name: "get_trading_session", source: "my-tools.jar" }],
    readOnly: false,
    exchangeData: { streaming: true, accountAsOf: iso(Date.now() - 2000), accountAgeSeconds: 2 },
  });
  const positions = () =>
    [...w.positions.values()].map((p) => {
      const mark = round(w.priceAt(p.asset, Date.now()), 2);
      return {
        asset: p.asset,
        side: p.side,
        size: p.size,
        entryPrice: p.entryPrice,
        markPrice: mark,
        unrealizedPnl: round((mark - p.entryPrice) * p.size * (p.side === "long" ? 1 : -1), 4),
        leverage: p.leverage,
        liquidationPrice: round(p.entryPrice * (p.side === "long" ? 1 - 0.9 / p.leverage : 1 + 0.9 / p.leverage), 2),
        marginUsed: round((p.entryPrice * p.size) / p.leverage, 2),
        takeProfit: p.takeProfit,
        stopLoss: p.stopLoss,
      };
    });
  const orders = () =>
    [...w.positions.values()].flatMap((p, i) => {
      const side = p.side === "long" ? "sell" : "buy";
      return [
        {
          asset: p.asset,
          side,
          size: p.size,
          limitPrice: p.takeProfit,
          orderId: 90000 + i * 2,
          cloid: null,
          reduceOnly: true,
          trigger: "take-profit",
          triggerPrice: p.takeProfit,
          placedAt: p.openedAt,
        },
        {
          asset: p.asset,
          side,
          size: p.size,
          limitPrice: round(p.stopLoss * (side === "sell" ? 0.99 : 1.01), 2),
          orderId: 90001 + i * 2,
          cloid: null,
          reduceOnly: true,
          trigger: "stop-loss",
          triggerPrice: p.stopLoss,
          placedAt: p.openedAt,
        },
      ];
    });

  function send(res, event, data, id) {
    res.write(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  function broadcast(event, data, id) {
    for (const c of clients) send(c, event, data, id);
  }
  /** The `mark` events of the stream: each asset's price now, as rez-app's live view sends them. */
  function marks(now = Date.now()) {
    return w.assets.map((a) => ({ asset: a, mark: round(w.priceAt(a, now), a === "SOL" ? 3 : 1), time: iso(now) }));
  }
  function publishCycle(r) {
    for (const e of cycleEvents(w, r)) {
      w.liveEvents.push(e);
      broadcast("diary", e, e.id);
    }
    const lastId = w.liveEvents.length ? w.liveEvents[w.liveEvents.length - 1].id : undefined;
    for (const mark of marks()) broadcast("mark", mark, lastId);
    broadcast("account", account());
  }
  function killEvent(state) {
    const last = w.cycleList[w.cycleList.length - 1];
    const e = {
      id: `${last.cycle}-${900 + w.liveEvents.length}`,
      time: iso(Date.now()),
      cycle: null,
      type: "kill-switch",
      asset: null,
      data: { state, by: "api" },
    };
    w.liveEvents.push(e);
    broadcast("diary", e, e.id);
    broadcast("status", status());
  }

  const timer =
    cycleMs > 0
      ? setInterval(() => {
          if (w.loop.state !== "active") return;
          publishCycle(runCycle(w, Date.now(), true));
        }, cycleMs)
      : null;

  async function serveStatic(req, res, url) {
    let p = decodeURIComponent(url.pathname);
    if (!extname(p) && !p.endsWith("/")) {
      res.writeHead(308, { Location: p + "/" + url.search });
      return res.end();
    }
    if (p.endsWith("/")) p += "index.html";
    const file = normalize(join(staticDir, p));
    if (!file.startsWith(normalize(staticDir))) throw new HttpError(404, "not-found", "no such file");
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error("not a file");
      res.writeHead(200, {
        "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
      });
      res.end(await readFile(file));
    } catch {
      let body = "not found";
      try {
        body = await readFile(join(staticDir, "404.html"));
      } catch {
        /* no export */
      }
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
      res.end(body);
    }
  }

  function json(res, status, body) {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  }

  function page(items, url, mapper = (x) => x) {
    const limit = intParam(url, "limit", 100, 1, 500);
    const start = parseCursor(url.searchParams.get("cursor")) ?? 0;
    const slice = items.slice(start, start + limit).map(mapper);
    const hasMore = start + limit < items.length;
    return { slice, next: hasMore ? String(start + limit) : null, hasMore };
  }

  /** The arena of `GET /api/arena`: contestants whose equity is the world's, scaled; finished with a leaderboard. */
  function arenaBoard() {
    const curve = w.equityCurve;
    const contestants = ARENA.map((c) => {
      const points = curve.map((p) => ({ time: p.time, equity: round(10000 + (p.equity - 10000) * c.scale, 2) }));
      const last = points[points.length - 1].equity;
      let peak = 10000,
        dd = 0;
      for (const p of points) {
        peak = Math.max(peak, p.equity);
        dd = Math.max(dd, (peak - p.equity) / peak);
      }
      return {
        name: c.name,
        model: c.model,
        startingEquity: 10000,
        equity: last,
        return: last / 10000 - 1,
        maxDrawdownFraction: dd,
        equityCurve: points,
      };
    });
    const rows = contestants.map((c, i) => ({
      name: c.name,
      model: c.model,
      riskProfile: ARENA[i].profile,
      trades: w.trades.length,
      winRate: 0.5,
      netPnl: round(c.equity - 10000, 2),
      return: c.return,
      maxDrawdown: round(c.maxDrawdownFraction * 10000, 2),
      maxDrawdownFraction: c.maxDrawdownFraction,
      sharpe: 0.42 * ARENA[i].scale,
      profitFactor: 1.1,
      fees: 1.5,
      funding: 0,
      finalEquity: c.equity,
      heldCycles: 0,
      tokens: { input: 1000 * (i + 1), output: 100 * (i + 1) },
      costUsd: ARENA[i].model.startsWith("offline") ? 0 : null,
      vsBaseline: {
        meanReturnDifference: i === 0 ? 0 : 1e-5,
        ci95: i === 0 ? [0, 0] : [-2e-5, 4e-5],
        verdict: "undecided",
      },
    }));
    return {
      state: "finished",
      asset: "BTC",
      interval: "5m",
      cycle: w.cycleList.length,
      cycles: w.cycleList.length,
      time: curve[curve.length - 1].time,
      baseline: ARENA[0].name,
      contestants,
      leaderboard: {
        asset: "BTC",
        interval: "5m",
        cycles: w.cycleList.length,
        baseline: ARENA[0].name,
        bootstrap: { seed: 42, resamples: 2000, confidence: 0.95 },
        contestants: rows,
      },
    };
  }

  async function api(req, res, url) {
    if (token) {
      const auth = req.headers.authorization ?? "";
      const ok =
        auth === `Bearer ${token}` || (url.pathname === "/api/stream" && url.searchParams.get("token") === token);
      if (!ok) throw new HttpError(401, "unauthorized", "missing or wrong API token");
    }
    let path = url.pathname;
    if (req.method === "GET" && path === "/api/arena") return json(res, 200, golden ? golden.arena : arenaBoard());
    // A contestant's routes: the same simulated world under /api/arena/<name>/ (read-only, no stream).
    const drill = path.match(/^\/api\/arena\/([^/]+)\/(.+)$/);
    if (drill) {
      const name = decodeURIComponent(drill[1]);
      if (!ARENA.some((c) => c.name === name))
        throw new HttpError(404, "not-found", `no contestant '${name}' in this arena`);
      if (req.method !== "GET" || drill[2] === "stream")
        throw new HttpError(404, "not-found", `no route ${req.method} ${path}`);
      path = "/api/" + drill[2];
    }
    const m = (method, p) => req.method === method && (typeof p === "string" ? path === p : p.test(path));
    if (golden && req.method === "GET") {
      const answer = goldenAnswer(golden, path);
      if (answer) return json(res, answer.status, answer.body);
    }
    if (m("GET", "/api/health")) return json(res, 200, { status: "ok", time: iso(Date.now()) });
    if (m("GET", "/api/status")) return json(res, 200, status());
    if (m("GET", "/api/account")) return json(res, 200, account());
    if (m("GET", "/api/positions")) return json(res, 200, { positions: positions() });
    if (m("GET", "/api/orders")) return json(res, 200, { orders: orders() });
    if (m("GET", "/api/fills")) {
      const newest = [...w.fills].reverse();
      const { slice, next, hasMore } = page(newest, url, stripFill);
      return json(res, 200, { fills: slice, next, hasMore });
    }
    if (m("GET", "/api/cycles")) {
      const asset = url.searchParams.get("asset") || null;
      const action = url.searchParams.get("action") || null;
      const outcome = url.searchParams.get("outcome") || null;
      const q = (url.searchParams.get("q") || "").toLowerCase();
      if (action && !Object.keys(RATIONALES).includes(action))
        throw new HttpError(
          400,
          "bad-parameter",
          `action must be one of ${Object.keys(RATIONALES).join(", ")} but was ${action}`,
        );
      if (outcome && !["traded", "rejected", "held", "error"].includes(outcome))
        throw new HttpError(400, "bad-parameter", `outcome must be traded, rejected, held or error but was ${outcome}`);
      // As rez-app: the cursor is a cycle number (the page holds cycles below it) and a page examines at most
      // 2000 cycles, so a rare filter may answer a short page that still has more.
      const limit = intParam(url, "limit", 100, 1, 500);
      const below = parseCursor(url.searchParams.get("cursor")) ?? w.cycleList.length + 1;
      const list = [];
      let i = Math.min(below - 1, w.cycleList.length) - 1;
      let examined = 0;
      for (; i >= 0 && list.length < limit && examined < 2000; i--, examined++) {
        const r = w.cycleList[i];
        if (outcome && r.outcome !== outcome) continue;
        if (
          asset &&
          !r.decisions.some((d) => d.asset === asset && (!action || d.action === action)) &&
          !(r.error && !action)
        )
          continue;
        if (action && !r.decisions.some((d) => d.action === action)) continue;
        if (
          q &&
          !r.decisions.some((d) => d.rationale.toLowerCase().includes(q)) &&
          !(r.error ?? "").toLowerCase().includes(q)
        )
          continue;
        list.push(r);
      }
      const hasMore = i >= 0;
      const truncated = hasMore && list.length < limit;
      return json(res, 200, {
        cycles: list.map(summary),
        next: hasMore ? String(i + 2) : null,
        hasMore,
        scanned: examined,
        truncated,
      });
    }
    const cm = path.match(/^\/api\/cycles\/([^/]+)$/);
    if (req.method === "GET" && cm) {
      const n = Number(cm[1]);
      if (!Number.isInteger(n)) throw new HttpError(400, "bad-parameter", `cycle must be an integer but was ${cm[1]}`);
      const r = w.cycleList[n - 1];
      if (!r) throw new HttpError(404, "not-found", `no cycle ${n}`);
      return json(res, 200, { cycle: n, events: cycleEvents(w, r) });
    }
    if (m("GET", "/api/diary")) {
      const limit = intParam(url, "limit", 100, 1, 500);
      const types = (url.searchParams.get("type") || "").split(",").filter(Boolean);
      const asset = url.searchParams.get("asset") || null;
      const cycle = url.searchParams.get("cycle") ? intParam(url, "cycle", 0, 1, Number.MAX_SAFE_INTEGER) : null;
      const order = url.searchParams.get("order") || "asc";
      if (order !== "asc" && order !== "desc")
        throw new HttpError(400, "bad-parameter", `order must be asc or desc but was ${order}`);
      const cursor = url.searchParams.get("cursor");
      const after = cursor ? idKey(cursor) : null;
      if (cursor && after < 0) throw new HttpError(400, "bad-parameter", `cursor is not valid: ${cursor}`);
      const match = (e) => (!types.length || types.includes(e.type)) && (!asset || e.asset === asset);
      const events = [];
      const indexes = cycle ? [cycle - 1] : [...w.cycleList.keys()];
      if (order === "desc") indexes.reverse();
      let more = false;
      outer: for (const i of indexes) {
        const r = w.cycleList[i];
        if (!r) continue;
        const evs = cycleEvents(w, r);
        if (order === "desc") evs.reverse();
        for (const e of evs) {
          if (after !== null && (order === "asc" ? idKey(e.id) <= after : idKey(e.id) >= after)) continue;
          if (!match(e)) continue;
          if (events.length === limit) {
            more = true;
            break outer;
          }
          events.push(e);
        }
      }
      return json(res, 200, { events, next: events.length ? events[events.length - 1].id : cursor, hasMore: more });
    }
    if (m("GET", "/api/stats")) {
      const per = {};
      for (const a of w.assets) {
        const ts = w.trades.filter((t) => t.asset === a);
        if (ts.length) per[a] = statsBlock(ts);
      }
      const step = Math.max(1, Math.ceil(w.equityCurve.length / 2000));
      const curve = w.equityCurve.filter((_, i) => i % step === 0 || i === w.equityCurve.length - 1);
      return json(res, 200, {
        overall: statsBlock(w.trades),
        perAsset: per,
        equityCurve: curve,
        trades: w.trades.map(({ reason, ...t }) => t),
      });
    }
    if (m("GET", "/api/candles")) {
      const asset = url.searchParams.get("asset");
      const interval = url.searchParams.get("interval") || "5m";
      if (!asset || !w.assets.includes(asset))
        throw new HttpError(400, "bad-parameter", `asset must be one of ${w.assets.join(", ")} but was ${asset}`);
      const step = INTERVALS[interval];
      if (!step)
        throw new HttpError(
          400,
          "bad-parameter",
          `interval must be one of ${Object.keys(INTERVALS).join(", ")} but was ${interval}`,
        );
      const limit = intParam(url, "limit", 300, 1, 5000);
      const end = Math.floor(Date.now() / step) * step;
      const candles = [];
      const rnd = mulberry32(asset.charCodeAt(0) * 131 + step);
      for (let i = limit - 1; i >= 0; i--) {
        const t = end - i * step;
        const open = w.priceAt(asset, t),
          close = w.priceAt(asset, t + step);
        const samples = [open, close, w.priceAt(asset, t + step / 3), w.priceAt(asset, t + (2 * step) / 3)];
        const hi = Math.max(...samples) * (1 + rnd() * 0.0012),
          lo = Math.min(...samples) * (1 - rnd() * 0.0012);
        const d = asset === "SOL" ? 3 : 1;
        candles.push({
          time: t,
          open: round(open, d),
          high: round(hi, d),
          low: round(lo, d),
          close: round(close, d),
          volume: round(10 + rnd() * 200, 3),
        });
      }
      const indicators = {};
      const closes = candles.map((c) => c.close);
      for (const spec of (url.searchParams.get("indicators") || "").split(",").filter(Boolean)) {
        try {
          Object.assign(indicators, indicatorSeries(spec.trim(), closes));
        } catch (e) {
          throw new HttpError(400, "bad-parameter", `indicators: ${e.message}`);
        }
      }
      const from = candles[0].time,
        to = end + step;
      const fills = w.fills.filter((f) => f.asset === asset && Date.parse(f.time) >= from && Date.parse(f.time) < to);
      const markers = fills.map((f) => ({
        time: Date.parse(f.time),
        kind: f.closedPnl !== 0 ? "exit" : "entry",
        side: f.side,
        price: f.price,
        text: `${f.closedPnl !== 0 ? "close" : f.side === "buy" ? "open long" : "open short"} ${f.size}`,
      }));
      const p = w.positions.get(asset);
      const levels = p
        ? [
            { kind: "take-profit", price: p.takeProfit },
            { kind: "stop-loss", price: p.stopLoss },
            { kind: "entry", price: p.entryPrice },
          ]
        : [];
      return json(res, 200, { asset, interval, candles, indicators, markers, levels });
    }
    const ks = path.match(/^\/api\/kill-switch\/(stop-entries|flatten|resume)$/);
    if (ks && req.method === "POST") {
      const action = ks[1];
      if (action === "stop-entries") w.loop = { ...w.loop, killSwitch: "stop-entries" };
      else if (action === "flatten") {
        const last = w.cycleList[w.cycleList.length - 1];
        for (const a of [...w.positions.keys()])
          closePosition(w, Date.now(), a, round(w.priceAt(a, Date.now()), 2), last.cycle, "flatten");
        w.loop = { ...w.loop, killSwitch: "flatten", state: "halted", haltReason: "flattened by the kill switch" };
      } else w.loop = { state: "active", killSwitch: "none", haltReason: null, safeMode: false };
      killEvent(w.loop.killSwitch);
      return json(res, 200, w.loop);
    }
    if (m("GET", "/api/stream")) {
      if (!(req.headers.accept ?? "").includes("text/event-stream"))
        throw new HttpError(400, "bad-parameter", "the stream must accept text/event-stream");
      const last = req.headers["last-event-id"] ?? url.searchParams.get("lastEventId");
      // As rez-app: an id this diary never issued is a 400.
      if (last && !(idKey(last) >= 0 && Math.floor(idKey(last) / 1e6) <= w.cycleList.length))
        throw new HttpError(400, "bad-parameter", `lastEventId is not a diary event id: ${last}`);
      res.writeHead(200, {
        "Content-Type": "text/event-stream",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write(": connected\n\n");
      if (last) {
        const k = idKey(last);
        for (const e of w.liveEvents) if (idKey(e.id) > k) send(res, "diary", e, e.id);
      }
      const lastId = w.liveEvents.length ? w.liveEvents[w.liveEvents.length - 1].id : undefined;
      send(res, "status", status(), lastId);
      send(res, "account", account(), lastId);
      for (const mark of marks()) send(res, "mark", mark, lastId);
      clients.add(res);
      const ping = setInterval(() => res.write(": ping\n\n"), 15000);
      req.on("close", () => {
        clearInterval(ping);
        clients.delete(res);
      });
      return;
    }
    throw new HttpError(404, "not-found", `no route ${req.method} ${path}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      if (url.pathname === "/api" || url.pathname.startsWith("/api/")) await api(req, res, url);
      else await serveStatic(req, res, url);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (!res.headersSent) json(res, status, { error: { status, code: e.code ?? "internal", message: e.message } });
      else res.end();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    world: w,
    close: () =>
      new Promise((resolve) => {
        if (timer) clearInterval(timer);
        for (const c of clients) c.end();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const api = await startFakeApi();
  console.log(
    `fake Rez API listening on ${api.url} (${api.world.cycleList.length} cycles, ${api.world.fills.length} fills)`,
  );
  const stop = () => api.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
