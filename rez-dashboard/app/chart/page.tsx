"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { IChartApi, IPriceLine, ISeriesApi, ISeriesMarkersPluginApi, SeriesType, Time } from "lightweight-charts";
import { api } from "@/lib/api";
import { alignedSeries, candleData, chartMarkers, findIndicator, intervalMs, withLiveMark } from "@/lib/chartdata";
import { fmtPrice } from "@/lib/format";
import type { Candles } from "@/lib/types";
import { useApi, useLive } from "@/components/live";
import { chartTheme } from "@/components/EquityChart";
import { Empty, ErrorBox, Loading } from "@/components/states";

const INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"];
const INDICATORS = "ema:12,ema:26,bb:20:2,rsi:14,macd:12:26:9";

interface ChartHandles {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick">;
  ema: ISeriesApi<"Line">[];
  bb: ISeriesApi<"Line">[];
  rsi: ISeriesApi<"Line">;
  macd: ISeriesApi<"Line">;
  signal: ISeriesApi<"Line">;
  hist: ISeriesApi<"Histogram">;
  markers: ISeriesMarkersPluginApi<Time>;
  lines: IPriceLine[];
}

function CandleChart({ data }: { data: Candles }) {
  const box = useRef<HTMLDivElement>(null);
  const handles = useRef<ChartHandles | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const fittedFor = useRef("");

  const apply = () => {
    const h = handles.current;
    const d = dataRef.current;
    if (!h) return;
    const set = (s: ISeriesApi<SeriesType>, v: unknown[]) => s.setData(v as never);
    set(h.candles, candleData(d.candles));
    const emas = Object.keys(d.indicators)
      .filter((k) => k.startsWith("ema:"))
      .sort();
    h.ema.forEach((s, i) => set(s, alignedSeries(d.candles, emas[i] ? d.indicators[emas[i]] : undefined)));
    ["upper", "middle", "lower"].forEach((part, i) =>
      set(h.bb[i], alignedSeries(d.candles, findIndicator(d.indicators, "bb:", part)?.values)),
    );
    set(h.rsi, alignedSeries(d.candles, findIndicator(d.indicators, "rsi:")?.values));
    set(h.macd, alignedSeries(d.candles, findIndicator(d.indicators, "macd:", "macd")?.values));
    set(h.signal, alignedSeries(d.candles, findIndicator(d.indicators, "macd:", "signal")?.values));
    const histSeries =
      findIndicator(d.indicators, "macd:", "hist") ?? findIndicator(d.indicators, "macd:", "histogram");
    const hist = alignedSeries(d.candles, histSeries?.values);
    set(
      h.hist,
      hist.map((p) => ({ ...p, color: p.value >= 0 ? "rgba(46,204,143,0.6)" : "rgba(255,93,108,0.6)" })),
    );
    h.markers.setMarkers(chartMarkers(d.candles, d.markers) as never);
    for (const l of h.lines) h.candles.removePriceLine(l);
    h.lines = d.levels.map((l) =>
      h.candles.createPriceLine({
        price: l.price,
        color: l.kind === "take-profit" ? "#2ecc8f" : l.kind === "stop-loss" ? "#ff5d6c" : "#4da3ff",
        lineWidth: 1,
        lineStyle: 2,
        axisLabelVisible: true,
        title: l.kind === "take-profit" ? "TP" : l.kind === "stop-loss" ? "SL" : l.kind,
      }),
    );
    const key = `${d.asset}/${d.interval}`;
    if (fittedFor.current !== key && d.candles.length) {
      h.chart.timeScale().fitContent();
      fittedFor.current = key;
    }
  };

  useEffect(() => {
    let disposed = false;
    import("lightweight-charts").then((lc) => {
      if (disposed || !box.current) return;
      const chart = lc.createChart(box.current, { ...chartTheme, autoSize: true });
      const line = (color: string, pane: number, width = 1) =>
        chart.addSeries(
          lc.LineSeries,
          {
            color,
            lineWidth: width as 1,
            priceLineVisible: false,
            lastValueVisible: false,
            crosshairMarkerVisible: false,
          },
          pane,
        );
      const candles = chart.addSeries(lc.CandlestickSeries, {
        upColor: "#2ecc8f",
        downColor: "#ff5d6c",
        borderVisible: false,
        wickUpColor: "#2ecc8f",
        wickDownColor: "#ff5d6c",
      });
      const ema = [line("#f0b429", 0, 2), line("#b48cff", 0, 2)];
      const bb = [line("rgba(77,163,255,0.7)", 0), line("rgba(77,163,255,0.35)", 0), line("rgba(77,163,255,0.7)", 0)];
      const rsi = line("#b48cff", 1, 2);
      rsi.createPriceLine({
        price: 70,
        color: "#555f6d",
        lineWidth: 1,
        lineStyle: 2,
        axisLabelVisible: false,
        title: "",
      });
      rsi.createPriceLine({
        price: 30,
        color: "#555f6d",
        lineWidth: 1,
        lineStyle: 2,
        axisLabelVisible: false,
        title: "",
      });
      const hist = chart.addSeries(lc.HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, 2);
      const macd = line("#4da3ff", 2, 2);
      const signal = line("#f0b429", 2, 1);
      const panes = chart.panes();
      panes[0]?.setStretchFactor(3);
      panes[1]?.setStretchFactor(1);
      panes[2]?.setStretchFactor(1);
      const markers = lc.createSeriesMarkers(candles, []);
      handles.current = { chart, candles, ema, bb, rsi, macd, signal, hist, markers, lines: [] };
      apply();
    });
    return () => {
      disposed = true;
      handles.current?.chart.remove();
      handles.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(apply, [data]);

  return <div ref={box} className="chart-box" data-testid="candle-chart" />;
}

export default function ChartPage() {
  const { live } = useLive();
  const assets = live.status?.assets ?? [];
  const [asset, setAsset] = useState<string>("");
  const [interval, setIv] = useState<string>("");
  const a = asset || assets[0] || "";
  const iv = interval || live.status?.interval || "5m";
  const candles = useApi(
    (s) => (a ? api.candles({ asset: a, interval: iv, limit: 300, indicators: INDICATORS }, s) : Promise.resolve(null)),
    [a, iv, live.revisions.cycles, live.revisions.fills],
  );
  // Between candle reads the forming candle follows the stream's marks.
  const liveMark = live.marks[a];
  const loaded = candles.data;
  const d = useMemo(
    () =>
      loaded
        ? { ...loaded, candles: withLiveMark(loaded.candles, liveMark, intervalMs(iv)) as Candles["candles"] }
        : null,
    [loaded, liveMark, iv],
  );
  const last = d?.candles[d.candles.length - 1];

  return (
    <>
      <h1>Chart</h1>
      <div className="filters">
        <select value={a} onChange={(e) => setAsset(e.target.value)} aria-label="Asset">
          {assets.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <select value={iv} onChange={(e) => setIv(e.target.value)} aria-label="Interval">
          {[...new Set([...INTERVALS, iv])].map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        {last && (
          <span className="muted" data-testid="last-close">
            {a} {iv} · close {fmtPrice(last.close)}
          </span>
        )}
      </div>
      <div className="panel">
        {!a ? (
          live.status ? (
            <Empty>No asset configured.</Empty>
          ) : (
            <Loading label="Loading status…" />
          )
        ) : candles.error && !d ? (
          <ErrorBox error={candles.error} onRetry={candles.reload} />
        ) : !d ? (
          <Loading label="Loading candles…" />
        ) : d.candles.length === 0 ? (
          <Empty>
            No candle for {a} {iv}.
          </Empty>
        ) : (
          <>
            <CandleChart data={d} />
            <div className="legend">
              <span style={{ color: "#f0b429" }}>■ EMA 12</span>
              <span style={{ color: "#b48cff" }}>■ EMA 26</span>
              <span style={{ color: "#4da3ff" }}>■ Bollinger 20, 2σ</span>
              <span>▲▼ agent entries · ● exits · dashed: TP / SL / entry</span>
              <span>panes: RSI 14 · MACD 12/26/9</span>
            </div>
          </>
        )}
      </div>
    </>
  );
}
