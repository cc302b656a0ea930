/**
 * The field structure of JSON values: an object must have exactly the golden object's keys; null on either side
 * matches any type; an empty array on either side matches any array; each element of an array must match at
 * least one element of the golden array. (rez-app's ApiGoldenTest compares the live API with these rules, with
 * diary events compared by type and kind and their free-form `data` loosely.)
 */
export function shapeDifferences(golden: unknown, live: unknown, options: ShapeOptions = {}): string[] {
  const out: string[] = [];
  compare("$", golden, live, out, options);
  return out;
}

/** Looser rules, for a stand-in (the fake API) that must give everything the real API gives. */
export interface ShapeOptions {
  /** Fields the golden does not have are allowed (a stand-in may simulate optional ones). */
  allowExtra?: boolean;
  /** Paths whose contents are not compared, only their JSON type (e.g. a payload shown as raw JSON). */
  opaque?: RegExp[];
  /** Paths of objects keyed by data (asset names, indicator specs): each value must match some golden value. */
  maps?: RegExp[];
  /**
   * Array elements with a string `type` (diary events) are compared with golden elements of that type and, when
   * their `data` has one, `data.kind` only (none: skipped, the recording did not see that kind of event).
   */
  byType?: boolean;
}

export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v; // object, number, string, boolean
}

function compare(path: string, golden: unknown, live: unknown, out: string[], o: ShapeOptions): void {
  if (golden === null || live === null) return;
  const g = jsonType(golden);
  const l = jsonType(live);
  if (g !== l) {
    out.push(`${path}: ${l} where the golden has ${g}`);
    return;
  }
  if (o.opaque?.some((r) => r.test(path))) return;
  if (g === "object" && o.maps?.some((r) => r.test(path))) {
    const values = Object.values(golden as Record<string, unknown>);
    const entries = Object.entries(live as Record<string, unknown>);
    if (values.length === 0) return;
    for (const [k, v] of entries) bestOf(`${path}.${k}`, values, v, out, o);
  } else if (g === "object") {
    const go = golden as Record<string, unknown>;
    const lo = live as Record<string, unknown>;
    for (const k of Object.keys(go)) {
      if (!(k in lo)) out.push(`${path}: no field "${k}" (has ${Object.keys(lo).sort().join(", ")})`);
    }
    for (const k of Object.keys(lo)) {
      if (!(k in go)) {
        if (!o.allowExtra) out.push(`${path}: field "${k}" that the golden does not have`);
      } else compare(`${path}.${k}`, go[k], lo[k], out, o);
    }
  } else if (g === "array") {
    const ga = golden as unknown[];
    const la = live as unknown[];
    if (ga.length === 0) return;
    for (let i = 0; i < la.length; i++) {
      let candidates = ga;
      const key = eventKey(la[i]);
      if (o.byType && key !== null) {
        candidates = ga.filter((e) => eventKey(e) === key);
        if (candidates.length === 0) continue;
      }
      if (bestOf(`${path}[${i}]`, candidates, la[i], out, o)) return; // one element says it; the others repeat it
    }
  }
}

/** A diary event's type, with its `data.kind` when it has one (`order/open`); null for anything else. */
function eventKey(v: unknown): string | null {
  if (v === null || typeof v !== "object" || typeof (v as { type?: unknown }).type !== "string") return null;
  const { type, data } = v as { type: string; data?: unknown };
  const kind = data !== null && typeof data === "object" ? (data as { kind?: unknown }).kind : undefined;
  return typeof kind === "string" ? `${type}/${kind}` : type;
}

/** Compares `live` with the closest of `candidates`; adds its differences, answering whether there were any. */
function bestOf(path: string, candidates: unknown[], live: unknown, out: string[], o: ShapeOptions): boolean {
  let best: string[] | null = null;
  for (const candidate of candidates) {
    const d: string[] = [];
    compare(path, candidate, live, d, o);
    if (best === null || d.length < best.length) best = d;
    if (d.length === 0) break;
  }
  if (best && best.length > 0) {
    out.push(...best);
    return true;
  }
  return false;
}
