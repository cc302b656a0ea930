/** Which rows of a fixed-row-height list must be rendered. */
export interface VirtualRange {
  start: number; // first index rendered (inclusive)
  end: number; // last index rendered (exclusive)
  offsetTop: number; // pixel offset of `start`
  totalHeight: number;
}

export function visibleRange(p: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan?: number;
}): VirtualRange {
  if (!(p.rowHeight > 0)) throw new RangeError(`rowHeight must be > 0 but was ${p.rowHeight}`);
  const count = Math.max(0, Math.floor(p.count));
  const overscan = Math.max(0, p.overscan ?? 6);
  const totalHeight = count * p.rowHeight;
  const top = Math.min(Math.max(0, p.scrollTop), Math.max(0, totalHeight - p.viewportHeight));
  const first = Math.floor(top / p.rowHeight);
  const visible = Math.ceil(Math.max(0, p.viewportHeight) / p.rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end), offsetTop: start * p.rowHeight, totalHeight };
}
