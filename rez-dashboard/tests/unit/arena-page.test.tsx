import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, screen } from "@testing-library/react";
import ArenaPage from "@/app/arena/page";
import { golden } from "../golden";
import { api, json, renderApp, stubBrowser } from "./harness";

vi.mock("next/navigation", () => ({ usePathname: () => "/arena/" }));

beforeEach(() => {
  stubBrowser();
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const arenaRequests = () =>
  vi.mocked(fetch).mock.calls.filter(([url]) => new URL(String(url), "http://127.0.0.1").pathname === "/api/arena")
    .length;

describe("the Arena page", () => {
  it("says that an app without an arena has none, and stops asking", async () => {
    renderApp(<ArenaPage />); // the fake API answers /api/arena with its 404
    expect((await screen.findByTestId("no-arena")).textContent).toContain("runs no arena");
    expect(arenaRequests()).toBe(1);
    await act(async () => {
      vi.advanceTimersByTime(20_000);
    });
    expect(arenaRequests()).toBe(1);
  });

  it("keeps following a running arena", async () => {
    api.routes["/api/arena"] = () => json(200, { ...golden.arena, state: "running", leaderboard: null });
    renderApp(<ArenaPage />);
    await screen.findByTestId("arena-progress");
    const before = arenaRequests();
    await act(async () => {
      vi.advanceTimersByTime(4_100);
    });
    expect(arenaRequests()).toBeGreaterThan(before);
  });
});
