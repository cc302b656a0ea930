import { contestantOf, scopedPath } from "./arena";
import type {
  Account,
  ArenaBoard,
  ApiErrorBody,
  Candles,
  CycleDetail,
  CyclesPage,
  DiaryPage,
  FillsPage,
  LoopState,
  Order,
  Position,
  Stats,
  Status,
} from "./types";

/** Where the API token is kept in the browser. */
export const TOKEN_KEY = "rez.apiToken";

/** An error answered by the API (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function readToken(storage: Pick<Storage, "getItem"> | null = safeStorage()): string | null {
  const token = storage?.getItem(TOKEN_KEY);
  return token && token.trim() ? token.trim() : null;
}

export function writeToken(
  token: string | null,
  storage: Pick<Storage, "setItem" | "removeItem"> | null = safeStorage(),
): void {
  if (!storage) return;
  if (token && token.trim()) storage.setItem(TOKEN_KEY, token.trim());
  else storage.removeItem(TOKEN_KEY);
}

function safeStorage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  token?: () => string | null;
  /** The arena contestant the requests are for (`/api/arena/<name>/…`), or null; by default the page's `?contestant=`. */
  contestant?: () => string | null;
}

/** A small typed client of the rez-app API. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly token: () => string | null;
  private readonly contestant: () => string | null;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "").replace(/\/$/, "");
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.token = options.token ?? (() => readToken());
    this.contestant =
      options.contestant ?? (() => (typeof window !== "undefined" ? contestantOf(window.location.search) : null));
  }

  /** Sends a request and parses the JSON answer; non-2xx answers become an {@link ApiError}. */
  async request<T>(method: string, path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    // The server takes state changes only as JSON: a cross-site form cannot send that type.
    const payload = method === "GET" ? undefined : "{}";
    if (payload !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + withQuery(scopedPath(path, this.contestant()), query), {
        method,
        headers,
        body: payload,
        signal,
        cache: "no-store",
      });
    } catch (e) {
      if ((e as Error)?.name === "AbortError") throw e;
      throw new ApiError(0, "network", `cannot reach the Rez API (${(e as Error)?.message ?? e})`);
    }
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw new ApiError(response.status, "bad-response", `invalid JSON from ${path}`);
      }
    }
    if (!response.ok) {
      const err = (body as ApiErrorBody | null)?.error;
      throw new ApiError(
        err?.status ?? response.status,
        err?.code ?? "http-" + response.status,
        err?.message ?? `${method} ${path} answered ${response.status}`,
      );
    }
    return body as T;
  }

  /** The URL of the live stream, with `?token=` since EventSource cannot send headers. */
  streamUrl(lastEventId?: string | null): string {
    return (
      this.baseUrl +
      withQuery(scopedPath("/api/stream", this.contestant()), {
        token: this.token(),
        lastEventId: lastEventId ?? undefined,
      })
    );
  }

  status(signal?: AbortSignal) {
    return this.request<Status>("GET", "/api/status", undefined, signal);
  }
  account(signal?: AbortSignal) {
    return this.request<Account>("GET", "/api/account", undefined, signal);
  }
  positions(signal?: AbortSignal) {
    return this.request<{ positions: Position[] }>("GET", "/api/positions", undefined, signal);
  }
  orders(signal?: AbortSignal) {
    return this.request<{ orders: Order[] }>("GET", "/api/orders", undefined, signal);
  }
  fills(q: { cursor?: string | null; limit?: number } = {}, signal?: AbortSignal) {
    return this.request<FillsPage>("GET", "/api/fills", q, signal);
  }
  diary(
    q: {
      cursor?: string | null;
      limit?: number;
      type?: string;
      asset?: string;
      cycle?: number;
      order?: "asc" | "desc";
    } = {},
    signal?: AbortSignal,
  ) {
    return this.request<DiaryPage>("GET", "/api/diary", q, signal);
  }
  cycles(
    q: { cursor?: string | null; limit?: number; asset?: string; action?: string; outcome?: string; q?: string } = {},
    signal?: AbortSignal,
  ) {
    return this.request<CyclesPage>("GET", "/api/cycles", q, signal);
  }
  cycle(cycle: number, signal?: AbortSignal) {
    return this.request<CycleDetail>("GET", `/api/cycles/${encodeURIComponent(String(cycle))}`, undefined, signal);
  }
  stats(signal?: AbortSignal) {
    return this.request<Stats>("GET", "/api/stats", undefined, signal);
  }
  candles(q: { asset: string; interval: string; limit?: number; indicators?: string }, signal?: AbortSignal) {
    return this.request<Candles>("GET", "/api/candles", q, signal);
  }
  arena(signal?: AbortSignal) {
    return this.request<ArenaBoard>("GET", "/api/arena", undefined, signal);
  }
  killSwitch(action: "stop-entries" | "flatten" | "resume") {
    return this.request<LoopState>("POST", `/api/kill-switch/${action}`);
  }
}

/** The client used by the pages: same origin as the dashboard. */
export const api = new ApiClient();
