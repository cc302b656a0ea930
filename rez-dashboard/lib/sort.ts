export type SortDir = "asc" | "desc";

/** A stable sort by one key; null/undefined always last; strings compared case-insensitively. */
export function sortRows<T>(
  rows: readonly T[],
  key: (row: T) => string | number | null | undefined,
  dir: SortDir,
): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, k: key(row) }))
    .sort((a, b) => {
      const an = a.k === null || a.k === undefined || (typeof a.k === "number" && Number.isNaN(a.k));
      const bn = b.k === null || b.k === undefined || (typeof b.k === "number" && Number.isNaN(b.k));
      if (an || bn) return an && bn ? a.index - b.index : an ? 1 : -1;
      let c: number;
      if (typeof a.k === "number" && typeof b.k === "number") c = a.k - b.k;
      else c = String(a.k).localeCompare(String(b.k), "en", { sensitivity: "base", numeric: true });
      return c !== 0 ? c * sign : a.index - b.index;
    })
    .map((x) => x.row);
}
