"use client";

import { useMemo } from "react";
import { api } from "@/lib/api";
import { pnlSurface } from "@/lib/stats";
import { useApi, useLive } from "@/components/live";
import { Surface3D } from "@/components/Surface3D";
import { View } from "@/components/states";

export default function ThreeDPage() {
  const { live } = useLive();
  const stats = useApi((s) => api.stats(s), [live.revisions.stats]);
  // Every status event carries a new assets array: only a change of the names themselves recomputes the surface.
  const assetNames = JSON.stringify(live.status?.assets ?? null);
  const assets = useMemo(() => (JSON.parse(assetNames) as string[] | null) ?? undefined, [assetNames]);
  const surface = useMemo(() => (stats.data ? pnlSurface(stats.data.trades, 80, assets) : null), [stats.data, assets]);
  return (
    <>
      <h1>PnL landscape</h1>
      <p className="muted" style={{ marginTop: -8 }}>
        Where the money was made and lost: cumulative net PnL of every asset over time. A rising ridge is an asset that
        pays; a valley shows when and where the agent bled.
      </p>
      <div className="panel">
        <View
          {...stats}
          isEmpty={(d) => d.trades.length === 0}
          empty="No closed trade yet: the landscape appears after the first one."
        >
          {() => (surface ? <Surface3D surface={surface} /> : null)}
        </View>
      </div>
    </>
  );
}
