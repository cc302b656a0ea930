/** A Server-Sent Events client for `/api/stream` that reconnects with back-off and resumes from the last event id. */

export type StreamState = "connecting" | "open" | "reconnecting" | "closed";

/** The part of `EventSource` the client uses (so tests can drive it). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export interface StreamMessage {
  event: string;
  id: string | null;
  data: unknown;
}

export interface StreamOptions {
  /** Builds the URL to open, given the id of the last event received (null at first). */
  url: (lastEventId: string | null) => string;
  /** Receives every event with its parsed JSON data. */
  onMessage: (message: StreamMessage) => void;
  onState?: (state: StreamState, attempt: number) => void;
  /** Event names to listen to. */
  events?: string[];
  create?: (url: string) => EventSourceLike;
  minDelayMs?: number;
  maxDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const STREAM_EVENTS = ["diary", "account", "status", "mark"];

/** Reconnect attempts after which the last event id is forgotten. */
export const FORGET_AFTER_ATTEMPTS = 3;

/** The delay before reconnect attempt `attempt` (1-based): doubling from `min`, capped at `max`. */
export function backoffDelay(attempt: number, min: number, max: number): number {
  if (attempt < 1) return min;
  return Math.min(max, min * 2 ** Math.min(attempt - 1, 20));
}

export class StreamClient {
  private readonly opts: Required<Omit<StreamOptions, "onState">> & Pick<StreamOptions, "onState">;
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;
  private last: string | null = null;
  private stateValue: StreamState = "closed";

  constructor(options: StreamOptions) {
    this.opts = {
      events: STREAM_EVENTS,
      create: (url) => new EventSource(url) as unknown as EventSourceLike,
      minDelayMs: 1000,
      maxDelayMs: 15000,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get state(): StreamState {
    return this.stateValue;
  }

  /** The id of the last event received; sent back on reconnect so nothing is missed. */
  get lastEventId(): string | null {
    return this.last;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.setState("closed");
  }

  private setState(state: StreamState): void {
    this.stateValue = state;
    this.opts.onState?.(state, this.attempt);
  }

  private open(): void {
    this.timer = null;
    if (this.stopped) return;
    // A server that lost its diary (or a new one) rejects an id it never issued: after a few failed
    // attempts, start again from the end of the stream (the app reloads its data when the stream opens).
    if (this.attempt >= FORGET_AFTER_ATTEMPTS) this.last = null;
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    let source: EventSourceLike;
    try {
      source = this.opts.create(this.opts.url(this.last));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.attempt = 0;
      this.setState("open");
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // The browser would retry on its own without our back-off and without ?lastEventId for a 5xx;
      // take over: close and reopen with the last id.
      source.close();
      this.source = null;
      this.scheduleReconnect();
    };
    for (const name of this.opts.events) {
      source.addEventListener(name, (ev: MessageEvent) => {
        if (this.source !== source) return;
        if (ev.lastEventId) this.last = ev.lastEventId;
        let data: unknown;
        try {
          data = typeof ev.data === "string" ? JSON.parse(ev.data) : ev.data;
        } catch {
          return; // not JSON: ignore the event rather than break the stream
        }
        this.opts.onMessage({ event: name, id: ev.lastEventId || null, data });
      });
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.attempt += 1;
    this.setState("reconnecting");
    this.timer = this.opts.setTimer(
      () => this.open(),
      backoffDelay(this.attempt, this.opts.minDelayMs, this.opts.maxDelayMs),
    );
  }
}
