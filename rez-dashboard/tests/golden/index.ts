/**
 * The golden API responses: recorded from the real app (rez-app's demo) by scripts/record-golden.sh, one file per
 * route. Each is checked here, at compile time, against the type the dashboard reads it as: a field the API
 * renamed, dropped or retyped makes `tsc` fail (tests/unit/golden.test.ts runs it), wherever the dashboard still
 * reads the old one. The unit tests and the fake API (FAKE_GOLDEN=1) use the same files.
 */
import type {
  Account,
  ApiErrorBody,
  ArenaBoard,
  Candles,
  CycleDetail,
  CyclesPage,
  DiaryPage,
  FillsPage,
  MarkUpdate,
  Order,
  Position,
  Stats,
  Status,
} from "../../lib/types";
import accountJson from "./account.json";
import arenaJson from "./arena.json";
import candlesJson from "./candles.json";
import cycleJson from "./cycle.json";
import cyclesJson from "./cycles.json";
import diaryJson from "./diary.json";
import errorJson from "./error-not-found.json";
import fillsJson from "./fills.json";
import healthJson from "./health.json";
import ordersJson from "./orders.json";
import positionsJson from "./positions.json";
import statsJson from "./stats.json";
import statusJson from "./status.json";
import streamMarkJson from "./stream-mark.json";

/**
 * `T` with every string-literal union widened to `string`: JSON files are typed with plain strings, so this
 * checks fields and their JSON types, not the values of enumerations.
 */
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends null | undefined
        ? T
        : T extends readonly (infer U)[]
          ? Loose<U>[]
          : T extends object
            ? { [K in keyof T]: Loose<T[K]> }
            : T;

/** The goldens, by file name, each as the type the dashboard gives that route. */
export const golden = {
  health: healthJson satisfies { status: string; time: string },
  status: statusJson satisfies Loose<Status> as unknown as Status,
  account: accountJson satisfies Loose<Account> as unknown as Account,
  positions: positionsJson satisfies Loose<{ positions: Position[] }> as unknown as { positions: Position[] },
  orders: ordersJson satisfies Loose<{ orders: Order[] }> as unknown as { orders: Order[] },
  fills: fillsJson satisfies Loose<FillsPage> as unknown as FillsPage,
  diary: diaryJson satisfies Loose<DiaryPage> as unknown as DiaryPage,
  cycles: cyclesJson satisfies Loose<CyclesPage> as unknown as CyclesPage,
  cycle: cycleJson satisfies Loose<CycleDetail> as unknown as CycleDetail,
  stats: statsJson satisfies Loose<Stats> as unknown as Stats,
  candles: candlesJson satisfies Loose<Candles> as unknown as Candles,
  "error-not-found": errorJson satisfies Loose<ApiErrorBody> as unknown as ApiErrorBody,
  arena: arenaJson satisfies Loose<ArenaBoard> as unknown as ArenaBoard,
  /** Not a route: the data of the live stream's `mark` event (`/api/stream`). */
  "stream-mark": streamMarkJson satisfies Loose<MarkUpdate> as unknown as MarkUpdate,
};

/**
 * The GET route each golden was recorded from (rez-app's ApiGoldenTest.ROUTES; the arena's from `rez arena --port`).
 */
export const goldenRoutes: Record<Exclude<keyof typeof golden, "stream-mark">, string> = {
  health: "/api/health",
  status: "/api/status",
  account: "/api/account",
  positions: "/api/positions",
  orders: "/api/orders",
  fills: "/api/fills?limit=20",
  diary: "/api/diary?limit=500",
  cycles: "/api/cycles?limit=20",
  cycle: "/api/cycles/{traded}",
  stats: "/api/stats",
  candles: "/api/candles?asset=BTC&interval=1m&limit=60&indicators=ema:12,bb:20:2,rsi:14,macd:12:26:9",
  "error-not-found": "/api/no-such-route",
  arena: "/api/arena",
};
