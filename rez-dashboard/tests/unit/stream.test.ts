import { describe, expect, it } from "vitest";
import { backoffDelay, StreamClient, type EventSourceLike, type StreamState } from "@/lib/stream";

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  listeners = new Map<string, ((ev: MessageEvent) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, l: (ev: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  fail() {
    this.onerror?.(new Event("error"));
  }
  emit(type: string, data: string, id = "") {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data, lastEventId: id }));
  }
}

function harness(opts: { min?: number; max?: number } = {}) {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const states: [StreamState, number][] = [];
  const messages: { event: string; id: string | null; data: unknown }[] = [];
  const client = new StreamClient({
    url: (last) => (last ? `/api/stream?lastEventId=${last}` : "/api/stream"),
    create: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    onMessage: (m) => messages.push(m),
    onState: (s, a) => states.push([s, a]),
    minDelayMs: opts.min ?? 1000,
    maxDelayMs: opts.max ?? 8000,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cancelled: boolean }).cancelled = true;
    },
  });
  const fire = () => {
    const t = timers.shift()!;
    if (!t.cancelled) t.fn();
    return t;
  };
  return { client, sources, timers, states, messages, fire };
}

describe("backoffDelay", () => {
  it("doubles from the minimum and caps at the maximum", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 500, 8000))).toEqual([
      500, 500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(1000, 500, 8000)).toBe(8000);
  });
});

describe("StreamClient", () => {
  it("delivers parsed events and remembers the last id", () => {
    const h = harness();
    h.client.start();
    expect(h.sources).toHaveLength(1);
    expect(h.sources[0].url).toBe("/api/stream");
    h.sources[0].open();
    expect(h.client.state).toBe("open");
    h.sources[0].emit("diary", '{"id":"7-1","type":"decision"}', "7-1");
    h.sources[0].emit("account", '{"equity":10}');
    expect(h.messages).toEqual([
      { event: "diary", id: "7-1", data: { id: "7-1", type: "decision" } },
      { event: "account", id: null, data: { equity: 10 } },
    ]);
    expect(h.client.lastEventId).toBe("7-1");
  });

  it("ignores events that are not JSON", () => {
    const h = harness();
    h.client.start();
    h.sources[0].emit("status", "not json", "1-1");
    h.sources[0].emit("status", '{"mode":"demo"}', "1-2");
    expect(h.messages).toEqual([{ event: "status", id: "1-2", data: { mode: "demo" } }]);
  });

  it("reconnects with back-off after an error and resumes from the last event id", () => {
    const h = harness({ min: 1000, max: 4000 });
    h.client.start();
    h.sources[0].open();
    h.sources[0].emit("diary", "{}", "12-4");
    h.sources[0].fail();
    expect(h.sources[0].closed).toBe(true);
    expect(h.client.state).toBe("reconnecting");
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.fire();
    expect(h.sources).toHaveLength(2);
    expect(h.sources[1].url).toBe("/api/stream?lastEventId=12-4");
    // The app is still down: the delay grows, capped.
    h.sources[1].fail();
    h.fire();
    h.sources[2].fail();
    h.fire();
    h.sources[3].fail();
    expect(h.timers.map((t) => t.ms)).toEqual([4000]);
    h.fire();
    h.sources[4].open();
    expect(h.client.state).toBe("open");
    // After a successful open the back-off starts again from the minimum.
    h.sources[4].fail();
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
  });

  it("forgets the last event id after repeated failures (a server that does not know it answers 400)", () => {
    const h = harness();
    h.client.start();
    h.sources[0].open();
    h.sources[0].emit("diary", "{}", "50-1");
    h.sources[0].fail();
    h.fire();
    expect(h.sources[1].url).toBe("/api/stream?lastEventId=50-1");
    h.sources[1].fail();
    h.fire();
    expect(h.sources[2].url).toBe("/api/stream?lastEventId=50-1");
    h.sources[2].fail();
    h.fire();
    expect(h.sources[3].url).toBe("/api/stream");
    expect(h.client.lastEventId).toBeNull();
  });

  it("ignores events from a source it has replaced", () => {
    const h = harness();
    h.client.start();
    const old = h.sources[0];
    old.fail();
    h.fire();
    old.emit("diary", "{}", "99-9");
    expect(h.messages).toHaveLength(0);
    expect(h.client.lastEventId).toBeNull();
  });

  it("stops for good: closes the source and cancels the pending reconnect", () => {
    const h = harness();
    h.client.start();
    h.sources[0].fail();
    h.client.stop();
    expect(h.client.state).toBe("closed");
    const t = h.fire();
    expect(t.cancelled).toBe(true);
    expect(h.sources).toHaveLength(1);
  });

  it("retries when the source cannot even be created", () => {
    let calls = 0;
    const timers: (() => void)[] = [];
    const client = new StreamClient({
      url: () => "/api/stream",
      create: () => {
        calls++;
        if (calls === 1) throw new Error("blocked");
        return new FakeSource("/api/stream");
      },
      onMessage: () => {},
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
    });
    client.start();
    expect(client.state).toBe("reconnecting");
    timers.shift()!();
    expect(calls).toBe(2);
    expect(client.state).toBe("reconnecting"); // opening again, not yet open
  });
});
