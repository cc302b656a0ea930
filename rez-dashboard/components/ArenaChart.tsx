"use client";

import { useEffect, useRef } from "react";
import type { IChartApi, ISeriesApi } from "lightweight-charts";
import { equitySeries } from "@/lib/arena";
import type { ArenaBoard } from "@/lib/types";
import { chartTheme } from "./EquityChart";

/** Every arena contestant's equity curve on one chart, a line each. */
export function ArenaChart({ board, height = 320 }: { board: ArenaBoard; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const handles = useRef<{ chart: IChartApi; lines: Map<string, ISeriesApi<"Line">>; LineSeries: unknown } | null>(
    null,
  );
  const boardRef = useRef(board);
  boardRef.current = board;
  const fitted = useRef(false);

  const apply = () => {
    const h = handles.current;
    if (!h) return;
    for (const s of equitySeries(boardRef.current)) {
      let line = h.lines.get(s.name);
      if (!line) {
        line = h.chart.addSeries(h.LineSeries as never, {
          color: s.colour,
          lineWidth: 2,
          title: s.name,
          priceFormat: { type: "price", precision: 2, minMove: 0.01 },
        }) as ISeriesApi<"Line">;
        h.lines.set(s.name, line);
      }
      line.setData(s.data as never);
    }
    if (!fitted.current && boardRef.current.contestants.some((c) => c.equityCurve.length > 1)) {
      h.chart.timeScale().fitContent();
      fitted.current = true;
    }
  };

  useEffect(() => {
    let disposed = false;
    import("lightweight-charts").then(({ createChart, LineSeries }) => {
      if (disposed || !box.current) return;
      const chart = createChart(box.current, { ...chartTheme, autoSize: true });
      handles.current = { chart, lines: new Map(), LineSeries };
      fitted.current = false;
      apply();
    });
    return () => {
      disposed = true;
      handles.current?.chart.remove();
      handles.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(apply, [board]);

  return <div ref={box} style={{ width: "100%", height }} data-testid="arena-chart" />;
}
