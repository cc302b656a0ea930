import type { Trade } from "@/lib/types";

/** A closed trade of one unit at price 1 that made `pnl` (before `fees`), closed at `closedAt`. */
export const trade = (asset: string, closedAt: string, pnl: number, fees = 0): Trade => ({
  asset,
  side: "long",
  openedAt: closedAt,
  closedAt,
  entryPrice: 1,
  exitPrice: 1,
  size: 1,
  pnl,
  fees,
});
