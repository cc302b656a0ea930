import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import OverviewPage from "@/app/page";
import RecordPage from "@/app/record/page";
import { fmtSignedUsd, fmtUsd } from "@/lib/format";
import { golden } from "../golden";
import { renderApp, stubBrowser } from "./harness";

vi.mock("next/navigation", () => ({ usePathname: () => "/" }));
// The charts draw on a canvas, which the test DOM has not.
vi.mock("@/components/EquityChart", () => ({ EquityChart: () => <div data-testid="equity-chart" /> }));

beforeEach(stubBrowser);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("PnL figures say whether fees are in them", () => {
  it("the overview shows the net PnL of /api/stats beside the gross realised PnL", async () => {
    renderApp(<OverviewPage />);
    const net = await screen.findByText(fmtSignedUsd(golden.stats.overall.netPnl), {
      selector: '[data-testid="net-pnl"]',
    });
    expect(net.parentElement?.textContent).toContain("Net PnL (after fees and funding)");
    const gross = screen.getByTestId("realized-pnl");
    expect(gross.textContent).toBe(fmtSignedUsd(golden.account.realizedPnl));
    expect(gross.parentElement?.textContent).toContain("gross, before fees");
  });

  it("the track record's trades show gross and net PnL, and the histogram is of the net, as the averages", async () => {
    renderApp(<RecordPage />);
    const histogram = await screen.findByTestId("pnl-histogram");
    expect(histogram.getAttribute("aria-label")).toContain("after fees");
    expect(screen.getByTestId("record-cards").textContent).toContain("Realised PnL (gross, before fees)");
    const table = screen.getAllByRole("table").find((t) => t.textContent?.includes("Gross PnL"));
    expect(table, "the trades table").toBeDefined();
    const headers = within(table!)
      .getAllByRole("columnheader")
      .map((h) => h.textContent ?? "");
    expect(headers.some((h) => h.startsWith("Gross PnL"))).toBe(true);
    expect(headers.some((h) => h.startsWith("Net PnL"))).toBe(true);
    const t = golden.stats.trades[0];
    expect(table!.textContent).toContain(fmtSignedUsd(t.pnl - t.fees));
    // The histogram counts every trade by its net PnL: its range runs from the lowest net result to the highest.
    const nets = golden.stats.trades.map((x) => x.pnl - x.fees);
    const legend = histogram.nextElementSibling?.textContent ?? "";
    expect(legend).toContain(fmtUsd(Math.min(...nets)));
    expect(legend).toContain(fmtUsd(Math.max(...nets)));
  });
});
