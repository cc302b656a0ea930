"use client";

import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { visibleRange } from "@/lib/virtual";

/** A fixed-row-height virtualised list: only the rows in view (plus a margin) are in the DOM. */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  onEndReached,
  endThreshold = 20,
  className = "vlist",
  testId,
}: {
  count: number;
  rowHeight: number;
  renderRow: (index: number, style: CSSProperties) => ReactNode;
  onEndReached?: () => void;
  endThreshold?: number;
  className?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const range = visibleRange({ scrollTop, viewportHeight: height, rowHeight, count, overscan: 8 });

  useEffect(() => {
    if (onEndReached && count > 0 && range.end >= count - endThreshold) onEndReached();
  }, [range.end, count, endThreshold, onEndReached]);

  const rows: ReactNode[] = [];
  for (let i = range.start; i < range.end; i++) {
    rows.push(renderRow(i, { top: i * rowHeight, height: rowHeight }));
  }
  return (
    <div ref={box} className={className} data-testid={testId} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ height: range.totalHeight, position: "relative" }}>{rows}</div>
    </div>
  );
}
