import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { golden } from "../golden";
import { api, FakeEventSource, json, renderApp, stubBrowser } from "./harness";

vi.mock("next/navigation", () => ({ usePathname: () => "/" }));

beforeEach(stubBrowser);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function app() {
  renderApp(<div data-testid="page">page</div>);
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("the shell while the API is down", () => {
  it("marks the values shown as old and does not offer the kill switch on them", async () => {
    app();
    act(() => FakeEventSource.last!.open());
    await waitFor(() => expect(button("Stop entries").disabled).toBe(false));
    expect(screen.queryByTestId("stale-banner")).toBeNull();

    api.down = true;
    act(() => FakeEventSource.last!.drop());
    const banner = await screen.findByTestId("stale-banner");
    expect(banner.textContent).toMatch(/API unreachable since \d\d:\d\d:\d\d UTC — values are from then/);
    expect(screen.getByTestId("page").closest("main")?.className).toContain("stale");
    expect(button("Stop entries").disabled).toBe(true);
    expect(button("Flatten").disabled).toBe(true);
    expect(button("Stop entries").title).toContain("has not answered since");
  });
});

describe("the kill switch dialog", () => {
  it("takes the focus, closes on Escape and forgets the last error when it opens again", async () => {
    api.routes["/api/kill-switch/stop-entries"] = () =>
      json(500, { error: { status: 500, code: "internal", message: "boom" } });
    app();
    act(() => FakeEventSource.last!.open());
    await waitFor(() => expect(button("Stop entries").disabled).toBe(false));

    fireEvent.click(button("Stop entries"));
    const dialog = screen.getByRole("dialog");
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(screen.getByTestId("confirm-kill"));
    expect((await screen.findByTestId("kill-error")).textContent).toContain("boom");

    fireEvent.click(button("Cancel"));
    fireEvent.click(button("Flatten"));
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(screen.queryByTestId("kill-error")).toBeNull();

    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("gives way to a note on a server whose kill switch is read-only (an arena's)", async () => {
    api.routes["/api/kill-switch/stop-entries"] = () =>
      json(503, {
        error: { status: 503, code: "read-only", message: "the kill switch is not available here" },
      });
    app();
    act(() => FakeEventSource.last!.open());
    await waitFor(() => expect(button("Stop entries").disabled).toBe(false));
    fireEvent.click(button("Stop entries"));
    fireEvent.click(screen.getByTestId("confirm-kill"));
    const note = await screen.findByTestId("kill-read-only");
    expect(note.title).toContain("not available here");
    expect(screen.queryByRole("button", { name: "Stop entries" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Flatten" })).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("is not offered at all when the status says the server is read-only", async () => {
    api.routes["/api/status"] = () => json(200, { ...golden.status, readOnly: true });
    app();
    act(() => FakeEventSource.last!.open());
    const note = await screen.findByTestId("kill-read-only");
    expect(note.title).toContain("not steered through its API");
    expect(screen.queryByRole("button", { name: "Stop entries" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Flatten" })).toBeNull();
  });
});

describe("the shell's view of the exchange", () => {
  it("does not warn while the exchange answers", async () => {
    app();
    await waitFor(() => expect(screen.getByTestId("loop-state")).toBeTruthy());
    expect(golden.status.exchangeData?.streaming).toBe(true);
    expect(screen.queryByTestId("exchange-data")).toBeNull();
  });

  it("warns when the exchange has not answered for a while", async () => {
    api.routes["/api/status"] = () =>
      json(200, {
        ...golden.status,
        exchangeData: { streaming: true, accountAsOf: golden.status.startedAt, accountAgeSeconds: 150 },
      });
    app();
    expect((await screen.findByTestId("exchange-data")).textContent).toBe("exchange silent 2m 30s");
  });
});
