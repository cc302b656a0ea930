import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { LiveProvider } from "@/components/live";
import { Shell } from "@/components/Shell";
import { golden } from "../golden";

vi.mock("next/navigation", () => ({ usePathname: () => "/" }));

/** The app's stream, driven by the test: `open()` and `drop()` as the browser's EventSource would report. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener() {}
  close() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  drop() {
    this.onerror?.(new Event("error"));
  }
}

/** The API: the golden answers, or down (every request refused), or a kill switch answering `kill`. */
let down = false;
let kill: () => Response = () => json(200, golden.status.loop);

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(() => {
  down = false;
  sessionStorage.clear();
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (down) throw new TypeError("Failed to fetch");
      const path = new URL(url, "http://127.0.0.1").pathname;
      if (path === "/api/status")
        return json(200, { ...golden.status, loop: { ...golden.status.loop, killSwitch: "none" } });
      if (path === "/api/account") return json(200, golden.account);
      if (path.startsWith("/api/kill-switch/")) return kill();
      return json(404, golden["error-not-found"]);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function app() {
  render(
    <LiveProvider>
      <Shell>
        <div data-testid="page">page</div>
      </Shell>
    </LiveProvider>,
  );
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("the shell while the API is down", () => {
  it("marks the values shown as old and does not offer the kill switch on them", async () => {
    app();
    act(() => FakeEventSource.last!.open());
    await waitFor(() => expect(button("Stop entries").disabled).toBe(false));
    expect(screen.queryByTestId("stale-banner")).toBeNull();

    down = true;
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
    kill = () => json(500, { error: { status: 500, code: "internal", message: "boom" } });
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
    kill = () =>
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
});
