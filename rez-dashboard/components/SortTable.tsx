"use client";

import { useMemo, useState, type ReactNode } from "react";
import { sortRows, type SortDir } from "@/lib/sort";

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number | null | undefined;
  render?: (row: T) => ReactNode;
  left?: boolean;
  className?: (row: T) => string;
}

/** A table sortable by clicking its headers (click again to reverse). */
export function SortTable<T>({
  rows,
  columns,
  rowKey,
  initial,
  testId,
  pageSize,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  initial?: { key: string; dir: SortDir };
  testId?: string;
  /** When set, show this many rows and a button for more (big tables stay fast). */
  pageSize?: number;
}) {
  const [shown, setShown] = useState(pageSize ?? Infinity);
  const [sort, setSort] = useState<{ key: string; dir: SortDir } | null>(initial ?? null);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    return col && sort ? sortRows(rows, col.value, sort.dir) : rows;
  }, [rows, sort, columns]);
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={`sortable${c.left ? " l" : ""}`}
                aria-sort={sort?.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                onClick={() =>
                  setSort((s) =>
                    s?.key === c.key
                      ? { key: c.key, dir: s.dir === "asc" ? "desc" : "asc" }
                      : { key: c.key, dir: "desc" },
                  )
                }
              >
                {c.label}
                {sort?.key === c.key ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, shown).map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c) => (
                <td key={c.key} className={`${c.left ? "l " : ""}${c.className?.(r) ?? ""}`}>
                  {c.render ? c.render(r) : String(c.value(r) ?? "—")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > shown && (
        <div className="pager">
          <span className="muted">
            showing {shown} of {sorted.length}
          </span>
          <button onClick={() => setShown((n) => n + (pageSize ?? 100))}>Show more</button>
          <button onClick={() => setShown(Infinity)}>Show all</button>
        </div>
      )}
    </div>
  );
}
