/** Shapes of the rez-app HTTP API (docs/API.md). */

export type Side = "long" | "short";
export type OrderSide = "buy" | "sell";

export interface LoopState {
  state: "active" | "idle" | "paused" | "halted" | string;
  killSwitch: "none" | "stop-entries" | "flatten" | string;
  haltReason: string | null;
  safeMode: boolean;
}

export interface CycleRef {
  cycle: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  ok: boolean;
}

export interface Status {
  version: string;
  mode: string;
  network: string;
  address: string;
  signer: string;
  assets: string[];
  interval: string;
  model: string;
  riskProfile: string;
  loop: LoopState;
  lastCycle: CycleRef | null;
  nextCycleAt: string | null;
  exchangeUrl: string;
  startedAt: string;
  /** One per configured notification sink; absent from servers older than notifications. */
  notifications?: SinkStatus[];
  /** True on an arena contestant's server: its loop is not steered through the API (kill switch: 503 read-only). */
  readOnly?: boolean;
  /** How current the app's view of the exchange is; null on an arena contestant's server. */
  exchangeData?: ExchangeData | null;
}

/** `/api/status`'s `exchangeData`: the socket's state and the age of the last account read (app clock). */
export interface ExchangeData {
  streaming: boolean;
  accountAsOf: string;
  accountAgeSeconds: number;
}

/** A notification sink's delivery state (docs/API.md, `/api/status`). */
export interface SinkStatus {
  sink: string;
  state: "delivering" | "retrying" | "stopped" | string;
  lastDeliveredId: string | null;
  lastDeliveredAt: string | null;
  backlog: number;
  delivered: number;
  lastError: string | null;
  lastErrorAt: string | null;
  nextAttemptAt: string | null;
}

export interface Account {
  equity: number;
  marginUsed: number;
  withdrawable: number;
  unrealizedPnl: number;
  realizedPnl: number;
  fees: number;
  time: string;
}

export interface Position {
  asset: string;
  side: Side;
  size: number;
  entryPrice: number;
  markPrice: number;
  unrealizedPnl: number;
  leverage: number;
  liquidationPrice: number | null;
  marginUsed: number;
  takeProfit: number | null;
  stopLoss: number | null;
}

export interface Order {
  asset: string;
  side: OrderSide;
  size: number;
  limitPrice: number;
  orderId: number;
  cloid: string | null;
  reduceOnly: boolean;
  trigger: "take-profit" | "stop-loss" | null;
  triggerPrice: number | null;
  placedAt: string;
}

export interface Fill {
  time: string;
  asset: string;
  side: OrderSide;
  price: number;
  size: number;
  notional: number;
  fee: number;
  closedPnl: number;
  orderId: number;
  cloid: string | null;
  taker: boolean;
  hash: string | null;
  /** The exchange's trade id: tells apart fills alike in everything else; null when the exchange gave none. */
  tradeId: number | null;
  explorerUrl: string | null;
}

export interface Page {
  next: string | null;
  hasMore: boolean;
}

export interface FillsPage extends Page {
  fills: Fill[];
}

export interface DiaryEvent {
  id: string;
  time: string;
  cycle: number | null;
  type: string;
  asset: string | null;
  data: Record<string, unknown>;
}

export interface DiaryPage extends Page {
  events: DiaryEvent[];
}

export interface CycleDecision {
  asset: string;
  action: string;
  rationale: string;
  verdict: string | null;
}

export interface CycleSummary {
  cycle: number;
  startedAt: string;
  durationMs: number | null;
  assets: string[];
  decisions: CycleDecision[];
  outcome: "traded" | "rejected" | "held" | "error" | string;
  tokens: { input: number; output: number } | null;
  error: string | null;
}

export interface CyclesPage extends Page {
  cycles: CycleSummary[];
}

export interface CycleDetail {
  cycle: number;
  events: DiaryEvent[];
}

export interface StatsBlock {
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  averageTrade: number | null;
  profitFactor: number | null;
  volume: number;
  realizedPnl: number;
  fees: number;
  /** Funding received (negative: paid); part of netPnl. */
  funding: number;
  netPnl: number;
  maxDrawdown: number;
  maxDrawdownFraction: number | null;
  sharpe: number | null;
}

export interface Trade {
  asset: string;
  side: Side;
  openedAt: string;
  closedAt: string;
  entryPrice: number;
  exitPrice: number;
  size: number;
  pnl: number;
  fees: number;
}

export interface EquityPoint {
  time: string;
  equity: number;
}

export interface Stats {
  overall: StatsBlock;
  perAsset: Record<string, StatsBlock>;
  equityCurve: EquityPoint[];
  trades: Trade[];
}

export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ChartMarker {
  time: number;
  kind: "entry" | "exit" | "take-profit" | "stop-loss" | string;
  side: OrderSide | null;
  price: number;
  text: string;
}

export interface ChartLevel {
  kind: "take-profit" | "stop-loss" | "entry" | string;
  price: number;
}

export interface Candles {
  asset: string;
  interval: string;
  candles: Candle[];
  indicators: Record<string, (number | null)[]>;
  markers: ChartMarker[];
  levels: ChartLevel[];
}

export interface ApiErrorBody {
  error: { status: number; code: string; message: string };
}

/** The live stream's `mark` event: an asset's price as the app's live view saw it, between cycles. */
export interface MarkUpdate {
  asset: string;
  mark: number;
  /** When the app saw the price (ISO-8601). */
  time: string;
}

/** One contestant of `GET /api/arena`. */
export interface ArenaContestant {
  name: string;
  model: string;
  startingEquity: number;
  equity: number;
  return: number;
  maxDrawdownFraction: number;
  equityCurve: EquityPoint[];
}

/** A leaderboard row (the shape of `leaderboard.json`). */
export interface LeaderboardRow {
  name: string;
  model: string;
  riskProfile: string;
  trades: number;
  winRate: number | null;
  netPnl: number;
  return: number;
  maxDrawdownFraction: number;
  sharpe: number | null;
  profitFactor: number | null;
  finalEquity: number;
  heldCycles: number;
  tokens: { input: number; output: number };
  costUsd: number | null;
  vsBaseline: { meanReturnDifference: number; ci95: [number, number]; verdict: "better" | "worse" | "undecided" };
}

/** `GET /api/arena`: the arena's live board, with the leaderboard once the run is done. */
export interface ArenaBoard {
  state: "running" | "finished";
  asset: string;
  interval: string;
  cycle: number;
  cycles: number;
  time: string | null;
  baseline: string;
  contestants: ArenaContestant[];
  leaderboard: { contestants: LeaderboardRow[] } | null;
}
