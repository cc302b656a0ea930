import { vi } from "vitest";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { LiveProvider } from "@/components/live";
import { Shell } from "@/components/Shell";
import { golden } from "../golden";

/** The app's stream, driven by the test: `open()` and `drop()` as the browser's EventSource would report. */
export class FakeEventSource {
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

export function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/**
 * The API the app talks to in these tests: the golden answers of each GET route (`routes` adds or replaces
 * some), or every request refused while `api.down`.
 */
export const api = {
  down: false,
  routes: {} as Record<string, () => Response>,
};

const GOLDEN_ROUTES: Record<string, () => Response> = {
  "/api/status": () => json(200, { ...golden.status, loop: { ...golden.status.loop, killSwitch: "none" } }),
  "/api/account": () => json(200, golden.account),
  "/api/stats": () => json(200, golden.stats),
  "/api/positions": () => json(200, golden.positions),
  "/api/cycles": () => json(200, golden.cycles),
};

/** Stubs `fetch` and `EventSource` with the fake API and stream (call in `beforeEach`). */
export function stubBrowser() {
  api.down = false;
  api.routes = {};
  sessionStorage.clear();
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (api.down) throw new TypeError("Failed to fetch");
      const path = new URL(url, "http://127.0.0.1").pathname;
      const route = api.routes[path] ?? GOLDEN_ROUTES[path];
      return route ? route() : json(404, golden["error-not-found"]);
    }),
  );
}

/** Renders `page` in the app's shell, as the layout does. */
export function renderApp(page: ReactNode) {
  return render(
    <LiveProvider>
      <Shell>{page}</Shell>
    </LiveProvider>,
  );
}
