import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/react";
import { CycleDetail } from "@/components/CycleDetail";
import { golden } from "../golden";

afterEach(cleanup);

/** The fields of each kind of diary event that the cycle view reads (components/CycleDetail.tsx). */
const READ: Record<string, string[]> = {
  "cycle-end": ["durationMs", "ok", "tokens"],
  reasoning: ["step", "text"],
  "tool-call": ["step", "tool", "arguments", "result", "error", "durationMs"],
  decision: ["action", "rationale", "notionalUsd", "leverage", "takeProfit", "stopLoss"],
  "risk-verdict": ["outcome", "reasons"],
  order: ["kind", "request", "results", "latencyMs"],
  fill: ["side", "price", "size", "fee", "closedPnl"],
};

describe("the golden traded cycle", () => {
  it("has every diary field the cycle view reads", () => {
    const seen = new Set<string>();
    for (const e of golden.cycle.events) {
      const fields = READ[e.type];
      if (!fields) continue;
      seen.add(e.type);
      for (const f of fields) expect(e.data, `${e.type}.data.${f}`).toHaveProperty(f);
    }
    expect([...seen].sort()).toEqual(Object.keys(READ).sort());
  });

  it("renders in the cycle view with its decision, verdict and execution", () => {
    const decision = golden.cycle.events.find((e) => e.type === "decision");
    const tool = golden.cycle.events.find((e) => e.type === "tool-call");
    render(<CycleDetail cycle={golden.cycle.cycle} events={golden.cycle.events} />);
    const text = document.body.textContent ?? "";
    expect(text).toContain(`Cycle #${golden.cycle.cycle}`);
    expect(text).toContain(String(decision?.data.rationale));
    expect(text).toContain(String(tool?.data.tool));
    expect(text).not.toContain("Nothing sent to the exchange.");
  });
});
