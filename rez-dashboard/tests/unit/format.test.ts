import { describe, expect, it } from "vitest";
import {
  DASH,
  fmtWhen,
  fmtCompactUsd,
  fmtDateTime,
  fmtDuration,
  fmtInt,
  fmtPct,
  fmtPrice,
  fmtRatio,
  fmtRelative,
  fmtSignedUsd,
  fmtSize,
  fmtTime,
  fmtUsd,
  humanize,
  pnlClass,
  shortHex,
} from "@/lib/format";

describe("money", () => {
  it("formats dollars with two decimals and thousands separators", () => {
    expect(fmtUsd(10012.5)).toBe("$10,012.50");
    expect(fmtUsd(-8)).toBe("-$8.00");
    expect(fmtUsd(0)).toBe("$0.00");
    expect(fmtUsd(-0.001)).toBe("$0.00"); // no "-$0.00"
  });
  it("signs PnL", () => {
    expect(fmtSignedUsd(12.5)).toBe("+$12.50");
    expect(fmtSignedUsd(-8)).toBe("-$8.00");
    expect(fmtSignedUsd(0)).toBe("$0.00");
    expect(fmtSignedUsd(0.001)).toBe("$0.00");
  });
  it("compacts big amounts", () => {
    expect(fmtCompactUsd(2_758_542.98)).toBe("$2.76M");
    expect(fmtCompactUsd(12_345)).toBe("$12.3k");
    expect(fmtCompactUsd(-3_500_000_000)).toBe("-$3.50B");
    expect(fmtCompactUsd(999.5)).toBe("$999.50");
  });
  it("prints a dash for missing values", () => {
    for (const f of [fmtUsd, fmtSignedUsd, fmtCompactUsd, fmtPrice, fmtSize, fmtPct, fmtRatio, fmtInt, fmtDuration]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
    }
  });
});

describe("prices and sizes", () => {
  it("follows the magnitude of the price", () => {
    expect(fmtPrice(64000)).toBe("64,000.0");
    expect(fmtPrice(64123.45)).toBe("64,123.45");
    expect(fmtPrice(3200.5)).toBe("3,200.5");
    expect(fmtPrice(150.123)).toBe("150.123");
    expect(fmtPrice(1.5)).toBe("1.50");
    expect(fmtPrice(0.012345)).toBe("0.012345");
    expect(fmtPrice(0.00001234)).toBe("0.00001234");
    expect(fmtPrice(0)).toBe("0");
  });
  it("trims sizes", () => {
    expect(fmtSize(0.01)).toBe("0.01");
    expect(fmtSize(0.123456789)).toBe("0.123457");
    expect(fmtSize(1500)).toBe("1,500");
  });
  it("formats ratios, percentages and integers", () => {
    expect(fmtPct(0.6)).toBe("60.0%");
    expect(fmtPct(0.0015, 2)).toBe("0.15%");
    expect(fmtRatio(2.25)).toBe("2.25");
    expect(fmtRatio(-0.8123, 3)).toBe("-0.812");
    expect(fmtInt(10000.4)).toBe("10,000");
  });
});

describe("times", () => {
  it("prints UTC date-times whatever the local zone", () => {
    expect(fmtDateTime("2026-01-02T03:04:05Z")).toBe("2026-01-02 03:04:05");
    expect(fmtDateTime(1700000000000)).toBe("2023-11-14 22:13:20");
    expect(fmtTime("2026-01-02T03:04:05Z")).toBe("03:04:05");
    expect(fmtDateTime("not a date")).toBe(DASH);
    expect(fmtDateTime(null)).toBe(DASH);
  });
  it("prints durations at a readable scale", () => {
    expect(fmtDuration(840)).toBe("840 ms");
    expect(fmtDuration(1234)).toBe("1.2 s");
    expect(fmtDuration(185_000)).toBe("3m 05s");
    expect(fmtDuration(7_800_000)).toBe("2h 10m");
    expect(fmtDuration(-1)).toBe(DASH);
  });
  it("prints relative times in the past and the future", () => {
    const now = Date.parse("2026-01-01T00:10:00Z");
    expect(fmtRelative("2026-01-01T00:09:55Z", now)).toBe("5s ago");
    expect(fmtRelative("2026-01-01T00:07:00Z", now)).toBe("3m ago");
    expect(fmtRelative("2026-01-01T00:10:12Z", now)).toBe("in 12s");
    expect(fmtRelative("2025-12-30T00:10:00Z", now)).toBe("2d ago");
    expect(fmtRelative("2026-01-01T00:10:00.400Z", now)).toBe("now");
  });
});

describe("fmtWhen", () => {
  const now = Date.parse("2026-01-01T00:10:00Z");
  it("is relative on a real clock, with the time for future moments", () => {
    expect(fmtWhen("2026-01-01T00:07:00Z", now, true)).toBe("3m ago");
    expect(fmtWhen("2026-01-01T00:10:12Z", now, true)).toBe("in 12s (00:10:12)");
  });
  it("is the UTC date-time on a simulated clock", () => {
    expect(fmtWhen("2026-01-01T00:17:00Z", now, false)).toBe("2026-01-01 00:17:00 UTC");
    expect(fmtWhen(null, now, false)).toBe(DASH);
  });
});

describe("misc", () => {
  it("classes PnL by sign", () => {
    expect(pnlClass(1)).toBe("pos");
    expect(pnlClass(-1)).toBe("neg");
    expect(pnlClass(0)).toBe("flat");
    expect(pnlClass(null)).toBe("flat");
  });
  it("shortens hex", () => {
    expect(shortHex("0x5e1f0c3ab7d24c1e9a0b6d3f2c8e7a9b1d4c6e80")).toBe("0x5e1f…6e80");
    expect(shortHex("0xabc")).toBe("0xabc");
    expect(shortHex(null)).toBe(DASH);
  });
  it("humanizes identifiers", () => {
    expect(humanize("open_long")).toBe("open long");
    expect(humanize("stop-entries")).toBe("stop entries");
  });
});
