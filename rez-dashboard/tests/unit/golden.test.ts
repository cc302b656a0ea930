// @vitest-environment node
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { golden, goldenRoutes } from "../golden";
import { shapeDifferences } from "../golden/shape";
// @ts-expect-error plain JavaScript test server without type declarations
import { startFakeApi } from "../fake-api.mjs";
import { arenaRows, equitySeries } from "@/lib/arena";
import { groupCycleEvents, initialLiveState, liveReducer } from "@/lib/live";
import { candleData, equityData, findIndicator } from "@/lib/chartdata";
import { perAssetRows } from "@/lib/stats";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("golden API responses (recorded from the real app)", () => {
  it("satisfy the types the dashboard reads them as (tsc over tests/golden/index.ts)", () => {
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(root, "tests/golden/tsconfig.json")], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 150_000);

  it("a renamed field is caught by the structure check", () => {
    const fill = golden.fills.fills[0] as unknown as Record<string, unknown>;
    const { price, ...rest } = fill;
    expect(shapeDifferences(golden.fills, { ...golden.fills, fills: [{ ...rest, px: price }] })).toEqual([
      `$.fills[0]: no field "price" (has ${Object.keys({ ...rest, px: 0 })
        .sort()
        .join(", ")})`,
      '$.fills[0]: field "px" that the golden does not have',
    ]);
  });

  it("hold a demo that traded: fills, a closed trade, an open position with its protection", () => {
    expect(golden.fills.fills.length).toBeGreaterThan(0);
    expect(golden.stats.trades.length).toBeGreaterThan(0);
    expect(golden.positions.positions.length).toBeGreaterThan(0);
    expect(golden.orders.orders.some((o) => o.trigger === "stop-loss")).toBe(true);
    expect(golden.cycles.cycles.some((c) => c.outcome === "traded")).toBe(true);
  });

  it("feed the pages' data functions", () => {
    const candles = golden.candles.candles;
    expect(candleData(candles)).toHaveLength(candles.length);
    expect(findIndicator(golden.candles.indicators, "ema:")?.values).toHaveLength(candles.length);
    expect(findIndicator(golden.candles.indicators, "bb:", "upper")).not.toBeNull();
    expect(equityData(golden.stats.equityCurve).length).toBeGreaterThan(0);
    expect(perAssetRows(golden.stats.perAsset).map((r) => r.asset)).toContain("BTC");

    const groups = groupCycleEvents(golden.cycle.events);
    expect(groups.decisions.length).toBeGreaterThan(0);
    expect(groups.verdicts.length).toBeGreaterThan(0);
    expect(groups.execution.length).toBeGreaterThan(0);
    for (const d of groups.decisions) expect(typeof d.data.action).toBe("string");

    const rows = arenaRows(golden.arena);
    expect(rows.map((r) => r.name)).toEqual(golden.arena.contestants.map((c) => c.name));
    expect(rows.every((r) => r.final !== null && Number.isFinite(r.equity))).toBe(true);
    expect(rows.filter((r) => r.baseline).map((r) => r.name)).toEqual([golden.arena.baseline]);
    expect(equitySeries(golden.arena).every((s) => s.data.length > 0)).toBe(true);

    const mark = golden["stream-mark"];
    const live = liveReducer(initialLiveState, { type: "mark", ...mark });
    expect(live.marks[mark.asset]).toEqual({ mark: mark.mark, time: Date.parse(mark.time) });
  });

  it("are what the fake API answers with FAKE_GOLDEN", async () => {
    const api = await startFakeApi({
      port: 0,
      cycles: 50,
      cycleMs: 3_600_000,
      golden: true,
      staticDir: mkdtempSync(join(tmpdir(), "rez-golden-")),
    });
    try {
      for (const [name, route] of Object.entries(goldenRoutes)) {
        const path = route.replace("{traded}", String(golden.cycle.cycle));
        const response = await fetch(api.url + path);
        const file = JSON.parse(readFileSync(join(root, "tests/golden", `${name}.json`), "utf8"));
        expect(response.status, path).toBe(name === "error-not-found" ? 404 : 200);
        if (name !== "error-not-found") expect(await response.json(), path).toEqual(file);
      }
    } finally {
      await api.close();
    }
  });

  /**
   * The fake API must give every field the real one gives, with its JSON type; it may simulate more (events and
   * optional fields a short demo does not produce, several assets), and its context payloads and tool arguments,
   * shown as raw JSON, are its own.
   */
  const FAKE_RULES = {
    allowExtra: true,
    byType: true,
    opaque: [/\.data\.(payload|arguments|request|results)$/],
    maps: [/\.perAsset$/],
  };

  it("have the structure of the fake API's simulated answers", async () => {
    const api = await startFakeApi({
      port: 0,
      cycles: 400,
      cycleMs: 3_600_000,
      staticDir: mkdtempSync(join(tmpdir(), "rez-golden-")),
    });
    try {
      const problems: string[] = [];
      for (const [name, route] of Object.entries(goldenRoutes)) {
        let path = route;
        if (route.includes("{traded}")) {
          const traded = (await (await fetch(api.url + "/api/cycles?limit=100&outcome=traded")).json()).cycles[0].cycle;
          path = route.replace("{traded}", String(traded));
        }
        const body = await (await fetch(api.url + path)).json();
        for (const d of shapeDifferences(golden[name as keyof typeof golden], body, FAKE_RULES))
          problems.push(`${name} (${path}) ${d}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it("have the structure of the fake API's stream events", async () => {
    const api = await startFakeApi({
      port: 0,
      cycles: 50,
      cycleMs: 100,
      staticDir: mkdtempSync(join(tmpdir(), "rez-golden-")),
    });
    const ctl = new AbortController();
    try {
      const response = await fetch(api.url + "/api/stream", {
        headers: { Accept: "text/event-stream" },
        signal: ctl.signal,
      });
      expect(response.status).toBe(200);
      const frames = await readFrames(response, ["diary", "account", "status", "mark"]);
      const expected: Record<string, unknown> = {
        account: golden.account,
        status: golden.status,
        mark: golden["stream-mark"],
      };
      const problems: string[] = [];
      for (const { event, data } of frames) {
        const d =
          event === "diary"
            ? shapeDifferences({ events: golden.diary.events }, { events: [data] }, FAKE_RULES)
            : shapeDifferences(expected[event], data, FAKE_RULES);
        problems.push(...d.map((x) => `${event} ${x}`));
      }
      expect(problems).toEqual([]);
    } finally {
      ctl.abort();
      await api.close();
    }
  }, 20_000);
});

/** The stream's frames (`event` and parsed `data`) until each of `names` has been seen at least once. */
async function readFrames(response: Response, names: string[]): Promise<{ event: string; data: unknown }[]> {
  const frames: { event: string; data: unknown }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (!names.every((n) => frames.some((f) => f.event === n))) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${names} were seen`);
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return frames;
}
