"use client";

import { useEffect, useRef } from "react";
import { equityData } from "@/lib/chartdata";
import type { EquityPoint } from "@/lib/types";

export const chartTheme = {
  layout: { background: { color: "transparent" }, textColor: "#8b96a5" },
  grid: { vertLines: { color: "#1e2632" }, horzLines: { color: "#1e2632" } },
  rightPriceScale: { borderColor: "#2a3340" },
  timeScale: { borderColor: "#2a3340", timeVisible: true, secondsVisible: false },
  crosshair: { mode: 0 },
};

/** An area chart of account equity. */
export function EquityChart({ points, height = 260 }: { points: EquityPoint[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const api = useRef<{
    chart: import("lightweight-charts").IChartApi;
    series: import("lightweight-charts").ISeriesApi<"Area">;
  } | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    let disposed = false;
    import("lightweight-charts").then(({ createChart, AreaSeries }) => {
      if (disposed || !box.current) return;
      const chart = createChart(box.current, { ...chartTheme, autoSize: true });
      const series = chart.addSeries(AreaSeries, {
        lineColor: "#4da3ff",
        topColor: "rgba(77,163,255,0.35)",
        bottomColor: "rgba(77,163,255,0.02)",
        lineWidth: 2,
        priceFormat: { type: "price", precision: 2, minMove: 0.01 },
      });
      api.current = { chart, series };
      fitted.current = false;
      setData();
    });
    return () => {
      disposed = true;
      api.current?.chart.remove();
      api.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setData = () => {
    if (!api.current) return;
    const data = equityData(pointsRef.current);
    api.current.series.setData(data as never);
    if (!fitted.current && data.length > 1) {
      api.current.chart.timeScale().fitContent();
      fitted.current = true;
    }
  };
  const pointsRef = useRef(points);
  pointsRef.current = points;
  useEffect(setData, [points]);

  return <div ref={box} style={{ width: "100%", height }} data-testid="equity-chart" />;
}
