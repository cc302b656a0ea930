import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { VirtualList } from "@/components/VirtualList";
import { SortTable } from "@/components/SortTable";
import { CycleDetail } from "@/components/CycleDetail";
import { View } from "@/components/states";
import { Notifications } from "@/components/Notifications";
import { ApiError } from "@/lib/api";
import type { DiaryEvent } from "@/lib/types";
import { trade } from "./trades";

afterEach(cleanup);

describe("VirtualList", () => {
  it("puts only the visible rows of 10,000 in the DOM and asks for more near the end", async () => {
    const onEnd = vi.fn();
    const { container } = render(
      <VirtualList
        count={10000}
        rowHeight={40}
        onEndReached={onEnd}
        renderRow={(i, style) => (
          <div key={i} data-row={i} style={style}>
            row {i}
          </div>
        )}
      />,
    );
    const rows = container.querySelectorAll("[data-row]");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].getAttribute("data-row")).toBe("0");
    expect(onEnd).not.toHaveBeenCalled();
    const box = container.firstElementChild as HTMLElement;
    expect((box.firstElementChild as HTMLElement).style.height).toBe("400000px");
    box.scrollTop = 40 * 9990;
    fireEvent.scroll(box);
    await new Promise((r) => setTimeout(r, 50));
    const after = [...container.querySelectorAll("[data-row]")].map((r) => Number(r.getAttribute("data-row")));
    expect(after).toContain(9999);
    expect(after.length).toBeLessThan(60);
    expect(onEnd).toHaveBeenCalled();
  });
});

describe("SortTable", () => {
  const rows = [
    { a: "BTC", n: 2 },
    { a: "ETH", n: 10 },
    { a: "SOL", n: 1 },
  ];
  const columns = [
    { key: "a", label: "Asset", value: (r: (typeof rows)[number]) => r.a },
    { key: "n", label: "Count", value: (r: (typeof rows)[number]) => r.n },
  ];
  const firstColumn = () => [...document.querySelectorAll("tbody tr td:first-child")].map((td) => td.textContent);

  it("sorts by a clicked header, descending first, then ascending", () => {
    render(<SortTable rows={rows} columns={columns} rowKey={(r) => r.a} />);
    expect(firstColumn()).toEqual(["BTC", "ETH", "SOL"]);
    fireEvent.click(screen.getByText("Count"));
    expect(firstColumn()).toEqual(["ETH", "BTC", "SOL"]);
    fireEvent.click(screen.getByText(/Count/));
    expect(firstColumn()).toEqual(["SOL", "BTC", "ETH"]);
  });

  it("shows a page of rows and more on demand", () => {
    render(<SortTable rows={rows} columns={columns} rowKey={(r) => r.a} pageSize={2} />);
    expect(firstColumn()).toHaveLength(2);
    expect(screen.getByText("showing 2 of 3")).toBeTruthy();
    fireEvent.click(screen.getByText("Show more"));
    expect(firstColumn()).toHaveLength(3);
  });
});

describe("CycleDetail", () => {
  let n = 0;
  const ev = (type: string, data: Record<string, unknown>, asset: string | null = null): DiaryEvent => ({
    id: `12-${n++}`,
    time: "2026-01-01T00:00:00Z",
    cycle: 12,
    type,
    asset,
    data,
  });

  it("shows reasoning, tool calls, the decision, the verdict and the execution of a cycle", () => {
    render(
      <CycleDetail
        cycle={12}
        events={[
          ev("cycle-start", { cycle: 12, assets: ["BTC"] }),
          ev("context", { version: 3, payload: { markets: { BTC: { rsi14: 28.4 } } } }),
          ev("prompt", { system: "You are Rez.", user: "Decide." }),
          ev("reasoning", { step: 1, text: "maybe a bounce\n\nRSI is oversold at 28.4" }),
          ev("tool-call", {
            step: 1,
            tool: "get_order_book",
            arguments: { asset: "BTC" },
            result: '{"bids":[[64000,1.5]]}',
            error: null,
            durationMs: 12,
          }),
          ev("reasoning", { step: 2, text: "[instruction to the model] Tool budget used up" }),
          ev(
            "decision",
            {
              action: "open_long",
              notionalUsd: 640,
              leverage: 5,
              takeProfit: 66000,
              stopLoss: 63000,
              rationale: "bounce expected",
            },
            "BTC",
          ),
          ev(
            "risk-verdict",
            { outcome: "rejected", reasons: [{ code: "max-notional", message: "notional 640 above 500" }] },
            "BTC",
          ),
          ev("cycle-end", {
            cycle: 12,
            durationMs: 840,
            ok: true,
            tokens: { input: 1200, output: 300 },
            costUsd: 0.0081,
          }),
        ]}
      />,
    );
    const text = document.body.textContent ?? "";
    expect(text).toContain("Cycle #12");
    expect(text).toContain("840 ms");
    expect(text).toContain("1200+300 tokens · $0.0081");
    expect(text).toContain("RSI is oversold at 28.4");
    expect(text).toContain("get_order_book");
    expect(text).toContain("maybe a bounce");
    expect(text).toContain("step 2 · message to the model");
    expect(text).toContain('"bids": [\n    [\n      64000,'); // a JSON string result is shown indented
    expect(text).toContain("open long");
    expect(text).toContain("bounce expected");
    expect(text).toContain("66,000.0");
    expect(text).toContain("max-notional");
    expect(text).toContain("notional 640 above 500");
    expect(text).toContain("Nothing sent to the exchange.");
    expect(text).toContain("context payload (v3)");
    expect(text).toContain('"rsi14": 28.4');
    expect(text).toContain("You are Rez.");
  });

  it("renders the events as the trading loop writes them: merged thinking, the agent's instructions, model answers", () => {
    // The shapes of docs/API.md's diary table, as Rez's loop records an agent's transcript.
    render(
      <CycleDetail
        cycle={7}
        events={[
          ev("cycle-start", { cycle: 7, assets: ["BTC"] }),
          ev("prompt", { version: "rez.prompt/1", system: "You are Rez.", user: "Context (rez.context/1): {}" }),
          ev("reasoning", { step: 1, text: "Funding is flat.\n\nNo edge on BTC." }),
          ev("model-answer", {
            step: 1,
            requestHash: "ab12",
            text: "No edge on BTC.",
            thinking: "Funding is flat.",
            tools: ["hold"],
            arguments: ['{"asset":"BTC"}'],
            inputTokens: 900,
            outputTokens: 40,
          }),
          ev("reasoning", { step: 2, text: "[instruction to the model] Answer with a tool call." }),
          ev(
            "decision",
            { action: "hold", notionalUsd: null, leverage: 0, takeProfit: null, stopLoss: null, rationale: "no edge" },
            "BTC",
          ),
          ev("risk-verdict", { outcome: "approved", reasons: [], decision: { action: "hold" } }, "BTC"),
          ev("cycle-end", {
            cycle: 7,
            durationMs: 120,
            ok: true,
            tokens: { input: 900, output: 40 },
            decisionLatencyMs: 80,
            safeMode: false,
          }),
        ]}
      />,
    );
    const text = document.body.textContent ?? "";
    expect(text).toContain("step 1 · reasoning");
    expect(text).toContain("Funding is flat.");
    expect(text).toContain("step 1 · model answer · 900+40 tokens · calls hold");
    expect(text).toContain("step 2 · message to the model");
    expect(text).toContain("Answer with a tool call.");
    expect(text).not.toContain("[instruction to the model]");
    expect(text).not.toContain("model-answer ·"); // not left among the other events
    expect(text).toContain("hold");
  });

  it("shows a failed order's error and a close's reason, not only inside the collapsed answer", () => {
    // As Executor.recordFailure writes it: no results, the error; a close also names its reason.
    render(
      <CycleDetail
        cycle={14}
        events={[
          ev("cycle-start", { cycle: 14 }),
          ev(
            "order",
            {
              kind: "close",
              reason: "stop-loss missing",
              request: { asset: "BTC" },
              results: [],
              error: "HTTP 502 from /exchange",
            },
            "BTC",
          ),
          ev(
            "order",
            {
              kind: "open",
              request: {},
              results: [{ status: "rejected", error: "Insufficient margin" }],
              latencyMs: 30,
            },
            "ETH",
          ),
          ev("cycle-end", { cycle: 14, durationMs: 100, ok: true }),
        ]}
      />,
    );
    const error = screen.getByTestId("order-error");
    expect(error.textContent).toContain("HTTP 502 from /exchange");
    expect(error.className).toContain("neg");
    expect(error.closest("details")).toBeNull();
    expect(document.body.textContent).toContain("reason: stop-loss missing");
    const rejection = screen.getByTestId("order-rejection");
    expect(rejection.textContent).toContain("Insufficient margin");
    expect(rejection.closest("details")).toBeNull();
    expect(screen.getAllByText("failed")).toHaveLength(2);
  });

  it("says when a cycle is still running", () => {
    render(<CycleDetail cycle={13} events={[ev("cycle-start", { cycle: 13 })]} />);
    expect(document.body.textContent).toContain("in progress");
    expect(document.body.textContent).toContain("No decision recorded.");
  });
});

describe("View states", () => {
  const child = (d: number[]) => <span>{d.length} items</span>;

  it("shows loading, then the data, or the empty state", () => {
    const { rerender } = render(
      <View data={null} error={null} loading={true}>
        {child}
      </View>,
    );
    expect(screen.getByRole("status").textContent).toContain("Loading");
    rerender(
      <View data={[1, 2]} error={null} loading={false} isEmpty={(d) => d.length === 0}>
        {child}
      </View>,
    );
    expect(document.body.textContent).toBe("2 items");
    rerender(
      <View data={[]} error={null} loading={false} isEmpty={(d) => d.length === 0} empty="No fill yet.">
        {child}
      </View>,
    );
    expect(document.body.textContent).toBe("No fill yet.");
  });

  it("keeps showing data while a reload fails, and says that the refresh failed", () => {
    render(
      <View data={[1]} error={new ApiError(503, "unavailable", "exchange down")} loading={false}>
        {child}
      </View>,
    );
    expect(screen.getByText("1 items")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("Refresh failed (exchange down) — values are from then.");
  });

  it("explains errors: token needed, API unreachable, or the API's message, with a retry", () => {
    const retry = vi.fn();
    const { rerender } = render(
      <View data={null} error={new ApiError(401, "unauthorized", "missing token")} loading={false} reload={retry}>
        {child}
      </View>,
    );
    expect(screen.getByRole("alert").textContent).toContain("requires a token");
    rerender(
      <View data={null} error={new ApiError(0, "network", "Failed to fetch")} loading={false} reload={retry}>
        {child}
      </View>,
    );
    expect(screen.getByRole("alert").textContent).toContain("unreachable: Failed to fetch");
    rerender(
      <View
        data={null}
        error={new ApiError(400, "bad-parameter", "interval must be one of 1m, 5m")}
        loading={false}
        reload={retry}
      >
        {child}
      </View>,
    );
    expect(screen.getByRole("alert").textContent).toContain("interval must be one of 1m, 5m");
    fireEvent.click(screen.getByText("Retry"));
    expect(retry).toHaveBeenCalledOnce();
  });
  it("keeps the old data after a failed reload, dimmed, under a banner saying since when it is old", () => {
    const retry = vi.fn();
    const { rerender } = render(
      <View data={[1, 2]} error={null} loading={false} reload={retry}>
        {child}
      </View>,
    );
    expect(screen.queryByRole("alert")).toBeNull();
    rerender(
      <View
        data={[1, 2]}
        error={new ApiError(0, "network", "Failed to fetch")}
        loading={false}
        reload={retry}
        staleSince={Date.parse("2026-01-01T12:34:56Z")}
      >
        {child}
      </View>,
    );
    expect(screen.getByRole("alert").textContent).toContain(
      "API unreachable since 12:34:56 UTC — values are from then.",
    );
    expect(screen.getByText("2 items").closest(".stale")).not.toBeNull();
    fireEvent.click(screen.getByText("Retry"));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe("Surface3D without WebGL", () => {
  it("falls back to a table of each asset's cumulative PnL", async () => {
    const { Surface3D } = await import("@/components/Surface3D");
    const { pnlSurface } = await import("@/lib/stats");
    const surface = pnlSurface(
      [trade("BTC", "2026-01-01T00:00:00Z", 12.5), trade("ETH", "2026-01-01T01:00:00Z", -4)],
      4,
    );
    // happy-dom has no WebGL: the fallback must show instead of a canvas.
    render(<Surface3D surface={surface} />);
    const fallback = await screen.findByTestId("webgl-fallback");
    expect(fallback.textContent).toContain("WebGL is not available");
    expect(fallback.textContent).toContain("BTC+$12.50");
    expect(fallback.textContent).toContain("ETH-$4.00");
    expect(document.querySelector("canvas")).toBeNull();
  });
});

describe("Notifications", () => {
  const base = { lastDeliveredAt: null, delivered: 0, lastErrorAt: null, nextAttemptAt: null };
  it("shows each sink's state, last id, backlog and error", () => {
    render(
      <Notifications
        sinks={[
          { ...base, sink: "webhook", state: "delivering", lastDeliveredId: "1234", backlog: 0, lastError: null },
          {
            ...base,
            sink: "telegram",
            state: "retrying",
            lastDeliveredId: null,
            backlog: 7,
            lastError: "telegram answered HTTP 502: bad gateway",
          },
        ]}
      />,
    );
    expect(document.querySelector('[data-sink="webhook"]')?.textContent).toBe("webhook · ok · last #1234");
    const t = document.querySelector('[data-sink="telegram"]')?.textContent;
    expect(t).toBe("telegram · retrying · nothing sent yet · backlog 7 · telegram answered HTTP 502: bad gateway");
  });
  it("says off when no sink is configured", () => {
    render(<Notifications sinks={[]} />);
    expect(screen.getByText("off")).toBeTruthy();
  });
});
