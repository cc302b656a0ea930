import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, readToken, TOKEN_KEY, withQuery, writeToken } from "@/lib/api";

function fakeFetch(status: number, body: unknown, raw?: string) {
  return vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(raw ?? JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }),
  );
}

describe("withQuery", () => {
  it("leaves out empty values and encodes the rest", () => {
    expect(
      withQuery("/api/cycles", {
        asset: "BTC",
        action: "",
        outcome: null,
        q: "rsi & macd",
        limit: 50,
        cursor: undefined,
      }),
    ).toBe("/api/cycles?asset=BTC&q=rsi+%26+macd&limit=50");
    expect(withQuery("/api/fills", {})).toBe("/api/fills");
    expect(withQuery("/api/fills")).toBe("/api/fills");
  });
});

describe("ApiClient", () => {
  it("sends the bearer token and parses JSON", async () => {
    const f = fakeFetch(200, { fills: [], next: null, hasMore: false });
    const c = new ApiClient({
      fetch: f as unknown as typeof fetch,
      token: () => "s3cret",
      baseUrl: "http://127.0.0.1:7070/",
    });
    const page = await c.fills({ cursor: "abc", limit: 25 });
    expect(page.hasMore).toBe(false);
    const [url, init] = f.mock.calls[0];
    expect(url).toBe("http://127.0.0.1:7070/api/fills?cursor=abc&limit=25");
    expect((init!.headers as Record<string, string>).Authorization).toBe("Bearer s3cret");
    expect(init!.method).toBe("GET");
  });

  it("sends no Authorization header without a token", async () => {
    const f = fakeFetch(200, { status: "ok" });
    await new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null }).request("GET", "/api/health");
    expect((f.mock.calls[0][1]!.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it("turns the API's error body into an ApiError", async () => {
    const f = fakeFetch(400, {
      error: { status: 400, code: "bad-parameter", message: "limit must be in 1..500 but was 0" },
    });
    const c = new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null });
    const err = await c.fills({ limit: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe("bad-parameter");
    expect(err.message).toBe("limit must be in 1..500 but was 0");
  });

  it("reports a non-JSON error page with its status", async () => {
    const f = fakeFetch(502, null, "<html>bad gateway</html>");
    const err = await new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null })
      .status()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(502);
    expect(err.code).toBe("http-502");
  });

  it("rejects invalid JSON in a success answer", async () => {
    const f = fakeFetch(200, null, "{nope");
    const err = await new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null })
      .status()
      .catch((e) => e);
    expect(err.code).toBe("bad-response");
  });

  it("reports network failures as status 0", async () => {
    const f = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const err = await new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null })
      .account()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.message).toContain("Failed to fetch");
  });

  it("posts kill-switch actions and encodes path parameters", async () => {
    const f = fakeFetch(200, { state: "active", killSwitch: "stop-entries", haltReason: null, safeMode: false });
    const c = new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null });
    const loop = await c.killSwitch("stop-entries");
    expect(loop.killSwitch).toBe("stop-entries");
    expect(f.mock.calls[0][0]).toBe("/api/kill-switch/stop-entries");
    expect(f.mock.calls[0][1]!.method).toBe("POST");
    expect((f.mock.calls[0][1]!.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
    expect(f.mock.calls[0][1]!.body).toBe("{}");
    await c.cycle(12);
    expect(f.mock.calls[1][0]).toBe("/api/cycles/12");
  });

  it("puts the token and the last event id in the stream URL", () => {
    const c = new ApiClient({ token: () => "a b" });
    expect(c.streamUrl()).toBe("/api/stream?token=a+b");
    expect(c.streamUrl("12-3")).toBe("/api/stream?token=a+b&lastEventId=12-3");
    expect(new ApiClient({ token: () => null }).streamUrl(null)).toBe("/api/stream");
  });

  it("builds the candles query", async () => {
    const f = fakeFetch(200, { candles: [] });
    await new ApiClient({ fetch: f as unknown as typeof fetch, token: () => null }).candles({
      asset: "ETH",
      interval: "1h",
      limit: 300,
      indicators: "ema:12,rsi:14",
    });
    expect(f.mock.calls[0][0]).toBe("/api/candles?asset=ETH&interval=1h&limit=300&indicators=ema%3A12%2Crsi%3A14");
  });
});

describe("token storage", () => {
  it("stores, trims and clears the token", () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    writeToken("  tok  ", storage);
    expect(map.get(TOKEN_KEY)).toBe("tok");
    expect(readToken(storage)).toBe("tok");
    writeToken("", storage);
    expect(map.has(TOKEN_KEY)).toBe(false);
    expect(readToken(storage)).toBeNull();
  });
  it("uses localStorage by default", () => {
    writeToken("xyz");
    expect(localStorage.getItem(TOKEN_KEY)).toBe("xyz");
    expect(readToken()).toBe("xyz");
    writeToken(null);
    expect(readToken()).toBeNull();
  });
});
