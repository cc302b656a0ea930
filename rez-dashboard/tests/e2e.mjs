// Browser end-to-end test of the dashboard, driving Debian's chromium with playwright-core.
//
//   REZ_E2E_URL=http://127.0.0.1:7070 node tests/e2e.mjs
//
// Environment:
//   REZ_E2E_URL                 the dashboard (and API) origin, required
//   REZ_E2E_OUT                 where screenshots go (default: target/e2e)
//   REZ_E2E_TOKEN               API token, stored in the browser before the pages load
//   REZ_E2E_CHROMIUM            browser binary (default: /usr/bin/chromium)
//   REZ_E2E_LIVE_TIMEOUT_MS     how long to wait for a new cycle to arrive live (default: 60000)
//   REZ_E2E_FIRST_DATA_MS       budget for the overview's first data on loopback (default: 1000)
//   REZ_E2E_FRAME_MS            budget for the extra time per frame while scrolling 10,000 cycles (default: 34)
//   REZ_E2E_ALLOW_EMPTY=1       accept empty fills/trades (a freshly started app has none)
//   REZ_E2E_KILL_SWITCH=0       skip the kill-switch round trip (stop entries, then resume)
//   REZ_E2E_ONLY=a,b            run only the checks named (and the extra ones), e.g. for an app that is not a trading loop
//   REZ_E2E_LIVE_PNL=1          check that the overview's unrealised PnL moves between two cycles (needs an app
//                               that opens positions, such as the demo; waits up to REZ_E2E_LIVE_TIMEOUT_MS)
//
// Prints one line per check and closes with "N passed, N failed"; exits 1 when a check failed.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * How many of the canvases matching `selector` there are, and the most sampled pixels one of them has painted
 * (a blank chart has none).
 */
export function paintedCanvases(page, selector) {
  return page.evaluate((sel) => {
    const canvases = [...document.querySelectorAll(sel)];
    let best = 0;
    for (const c of canvases) {
      const ctx = c.getContext("2d");
      if (!ctx || !c.width || !c.height) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 16) if (d[i] > 0) n++;
      best = Math.max(best, n);
    }
    return { canvases: canvases.length, best };
  }, selector);
}

/**
 * Runs every check against `url`. `extraChecks` (name → async ({page, check, ignoreConsoleErrors})) run after
 * the page checks. Returns {passed, failed, results}.
 */
export async function runE2e({
  url = process.env.REZ_E2E_URL,
  out = process.env.REZ_E2E_OUT ?? "target/e2e",
  token = process.env.REZ_E2E_TOKEN ?? null,
  chromiumPath = process.env.REZ_E2E_CHROMIUM ?? "/usr/bin/chromium",
  liveTimeoutMs = Number(process.env.REZ_E2E_LIVE_TIMEOUT_MS ?? 60000),
  firstDataBudgetMs = Number(process.env.REZ_E2E_FIRST_DATA_MS ?? 1000),
  allowEmpty = process.env.REZ_E2E_ALLOW_EMPTY === "1",
  frameBudgetMs = Number(process.env.REZ_E2E_FRAME_MS ?? 34),
  killSwitch = process.env.REZ_E2E_KILL_SWITCH !== "0",
  livePnl = process.env.REZ_E2E_LIVE_PNL === "1",
  only = process.env.REZ_E2E_ONLY ? process.env.REZ_E2E_ONLY.split(",") : null,
  extraChecks = [],
} = {}) {
  if (!url) throw new Error("REZ_E2E_URL must be set, e.g. REZ_E2E_URL=http://127.0.0.1:7070");
  const base = url.replace(/\/$/, "");
  const outDir = resolve(out);
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.startsWith("failed-") && f.endsWith(".png")) rmSync(join(outDir, f));
  const home = mkdtempSync(join(tmpdir(), "rez-e2e-"));
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
  };
  const context = await chromium.launchPersistentContext(join(home, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    env,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  const results = [];
  const consoleErrors = [];
  let ignoring = false;
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15000);
  if (token) await context.addInitScript((t) => localStorage.setItem("rez.apiToken", t), token);
  page.on("console", (m) => {
    if (m.type() === "error" && !ignoring) consoleErrors.push(`${m.text()} (${m.location()?.url ?? ""})`);
  });
  const origin = new URL(base).host;
  const foreign = new Set();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if ((u.protocol === "http:" || u.protocol === "https:") && u.host !== origin) foreign.add(r.url());
  });
  page.on("pageerror", (e) => {
    if (!ignoring) consoleErrors.push(`page error: ${e.message}`);
  });

  const extraNames = new Set(extraChecks.map(([name]) => name));
  async function check(name, fn) {
    if (only && !only.includes(name) && !extraNames.has(name)) return;
    const t0 = Date.now();
    try {
      const note = await fn();
      results.push({ name, ok: true, ms: Date.now() - t0, note });
      console.log(`ok - ${name} (${Date.now() - t0} ms)${note ? ` ${note}` : ""}`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: e.message });
      console.log(`not ok - ${name}: ${e.message.split("\n").slice(0, 6).join("\n    ")}`);
      await page
        .screenshot({ path: join(outDir, `failed-${name.replace(/\W+/g, "-")}.png`), fullPage: true })
        .catch(() => {});
    }
  }
  const shot = async (name) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: false });
  };
  const text = (sel) => page.locator(sel).first().innerText();
  const assert = (cond, message) => {
    if (!cond) throw new Error(message);
  };
  const go = async (path) => {
    await page.goto(base + path, { waitUntil: "domcontentloaded" });
  };

  async function timeToFirstData() {
    await page.waitForFunction(
      () => /\$[\d,]+\.\d\d/.test(document.querySelector('[data-testid="equity"]')?.textContent ?? ""),
      null,
      { polling: 10 },
    );
    return page.evaluate(() => Math.round(performance.now()));
  }

  await check("overview shows account, agent status and positions", async () => {
    await go("/");
    const firstData = await timeToFirstData();
    await page.locator('[data-testid="agent-status"]').waitFor();
    const status = await text('[data-testid="agent-status"]');
    assert(/Mode/.test(status) && /Model/.test(status), `agent status incomplete: ${status}`);
    await page.locator('[data-testid="positions"], .panel:has(h2:text("Open positions")) .state').first().waitFor();
    await page
      .locator('[data-testid="last-decision"], .panel:has(h2:text("Last decisions")) .state.empty')
      .first()
      .waitFor();
    await page.locator('[data-testid="equity-chart"] canvas, .panel:has(h2:text("Equity")) .state').first().waitFor();
    await page.waitForTimeout(300);
    await shot("overview");
    // The first load also starts the browser's renderer; loads in the running browser are what a user opening
    // the page sees. The best of two is compared with the budget (the machine may be busy with other work).
    const loads = [];
    for (let i = 0; i < 2; i++) {
      await page.reload({ waitUntil: "domcontentloaded" });
      loads.push(await timeToFirstData());
    }
    const best = Math.min(...loads);
    assert(best <= firstDataBudgetMs, `first data after ${loads.join(" / ")} ms, budget ${firstDataBudgetMs} ms`);
    return `first data ${loads.join(" / ")} ms (${firstData} ms in a just-started browser); equity ${await text('[data-testid="equity"]')}`;
  });

  await check("live stream connects", async () => {
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="stream-state"]')?.textContent?.includes("live"),
    );
  });

  if (livePnl) {
    await check("overview's unrealised PnL moves between two cycles", async () => {
      await go("/");
      await page.locator('[data-testid="unrealized-pnl"]').waitFor();
      const lastCycle = () =>
        page.evaluate(async (t) => {
          const r = await fetch("/api/status", t ? { headers: { Authorization: `Bearer ${t}` } } : {});
          return (await r.json()).lastCycle?.cycle ?? 0;
        }, token);
      const deadline = Date.now() + liveTimeoutMs;
      let cycle = -1;
      let pnl = null;
      while (Date.now() < deadline) {
        const open = (await page.locator('[data-testid="positions"] tbody tr').count()) > 0;
        const c = await lastCycle();
        const p = await text('[data-testid="unrealized-pnl"]');
        // A reading counts only against one of the same cycle, both taken while a position was open with a PnL
        // (not the $0.00 of no position, or of one just opened at the mark).
        const moving = open && !/^[+-]?\$0\.00$/.test(p.trim());
        if (!moving || c !== cycle || pnl === null) {
          cycle = c;
          pnl = moving ? p : null;
        } else if (p !== pnl) {
          return `unrealised PnL ${pnl} → ${p} after cycle ${c}, before the next`;
        }
        await page.waitForTimeout(100);
      }
      throw new Error(`the unrealised PnL never moved between two cycles within ${liveTimeoutMs} ms`);
    });
  }

  await check("overview fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot("overview-phone");
    await page.setViewportSize({ width: 1440, height: 900 });
    assert(overflow <= 1, `page is ${overflow}px wider than a phone screen`);
  });

  let topCycle = 0;
  await check("agent mind lists cycles, virtualised", async () => {
    await go("/mind/");
    await page.locator("[data-cycle]").first().waitFor();
    topCycle = Number(await page.locator("[data-cycle]").first().getAttribute("data-cycle"));
    assert(topCycle > 0, "no cycle number");
    const rendered = await page.locator("[data-cycle]").count();
    const countText = await text('[data-testid="cycle-count"]');
    const total = Number(countText.replace(/[^\d]/g, ""));
    assert(rendered <= 80, `${rendered} rows in the DOM: the list is not virtualised`);
    // Scroll to the end a few times: more pages load, the DOM stays small.
    const list = page.locator('[data-testid="cycle-list"]');
    for (let i = 0; i < 4; i++) {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(350);
    }
    const after = Number((await text('[data-testid="cycle-count"]')).replace(/[^\d]/g, ""));
    const renderedAfter = await page.locator("[data-cycle]").count();
    assert(renderedAfter > 0 && renderedAfter <= 80, `${renderedAfter} rows rendered after scrolling`);
    await list.evaluate((el) => (el.scrollTop = 0));
    return `${total} cycles loaded at first, ${after} after scrolling; ${renderedAfter} rows in the DOM`;
  });

  await check("agent mind scrolls 10,000 cycles smoothly", async () => {
    const list = page.locator('[data-testid="cycle-list"]');
    const count = async () => Number((await text('[data-testid="cycle-count"]')).replace(/[^\d]/g, ""));
    // Load up to 10,000 cycles (or all there are) by scrolling to the end.
    for (let i = 0, last = -1; i < 60; i++) {
      const n = await count();
      if (n >= 10000 || (n === last && !(await text('[data-testid="cycle-count"]')).includes("+"))) break;
      last = n;
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(250);
    }
    const total = await count();
    // Frame times while scrolling fast, compared with idle frames measured just before (the machine may be busy).
    const frames = await list.evaluate(async (el) => {
      const measure = async (step) => {
        const times = [];
        let last = performance.now();
        for (let i = 0; i < 90; i++) {
          step(i);
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        times.sort((a, b) => a - b);
        return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
      };
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(r));
      const idle = await measure(() => {});
      const scroll = await measure((i) => (el.scrollTop += i % 15 === 14 ? el.scrollHeight / 8 : 600));
      el.scrollTop = 0;
      return { idle, scroll };
    });
    const rendered = await page.locator("[data-cycle]").count();
    assert(rendered <= 80, `${rendered} rows in the DOM`);
    const extra = frames.scroll.median - frames.idle.median;
    const f = (x) => x.toFixed(1);
    const note = `${total} cycles loaded; scrolling frame median ${f(frames.scroll.median)} ms (p95 ${f(frames.scroll.p95)}), idle ${f(frames.idle.median)} ms`;
    assert(
      extra < frameBudgetMs,
      `scrolling costs ${f(extra)} ms per frame over idle (budget ${frameBudgetMs} ms): ${note}`,
    );
    return note;
  });

  await check("agent mind expands a cycle", async () => {
    await page.locator("[data-cycle]").first().click();
    const detail = page.locator('[data-testid="cycle-detail"]');
    await detail.waitFor();
    const t = await detail.textContent();
    for (const part of ["Decision", "Risk verdict", "Execution", "Reasoning and tool calls", "Context and prompt"]) {
      assert(t.includes(part), `cycle detail lacks “${part}”`);
    }
    // The open cycle is in the URL: a reload shows it again.
    const hash = await page.evaluate(() => window.location.hash);
    assert(/^#cycle-\d+$/.test(hash), `no cycle in the URL: ${hash}`);
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.waitForFunction(
      (h) => document.querySelector('[data-testid="cycle-detail"]')?.textContent?.includes(`Cycle #${h.slice(7)}`),
      hash,
    );
    await page.locator("[data-cycle]").first().waitFor();
    await shot("mind");
  });

  await check("a new cycle appears live without reload", async () => {
    topCycle = Number(await page.locator("[data-cycle]").first().getAttribute("data-cycle"));
    await page.waitForFunction(
      (top) => [...document.querySelectorAll("[data-cycle]")].some((el) => Number(el.getAttribute("data-cycle")) > top),
      topCycle,
      { timeout: liveTimeoutMs },
    );
    const now = Number(await page.locator("[data-cycle]").first().getAttribute("data-cycle"));
    return `cycle #${topCycle} → #${now}`;
  });

  await check("agent mind filters and searches", async () => {
    await page.selectOption('select[aria-label="Outcome"]', "held");
    await page.waitForTimeout(200);
    await page.waitForFunction(() => document.querySelector("[data-cycle]") || document.querySelector(".state.empty"));
    const badges = await page.locator("[data-cycle] .badge").allInnerTexts();
    assert(
      badges.every((b) => b.trim() === "held"),
      `outcome filter let through: ${[...new Set(badges)].join(", ")}`,
    );
    await page.selectOption('select[aria-label="Outcome"]', "");
    await page.locator("[data-cycle]").first().waitFor();
    const rationale = (await page.locator("[data-cycle] .rationale").allInnerTexts()).find((r) =>
      /[A-Za-z]{5,}/.test(r),
    );
    if (!rationale) return "no rationale to search for";
    const word = rationale.match(/[A-Za-z]{5,}/)[0];
    await page.fill('input[aria-label="Search reasoning"]', word);
    await page.waitForTimeout(900);
    await page.locator("[data-cycle]").first().waitFor();
    const found = await page.locator("[data-cycle]").count();
    // A search that matches nothing ends on the empty state (after following the API's sparse pages).
    await page.fill('input[aria-label="Search reasoning"]', "zq-no-such-text-qz");
    await page.locator(".state.empty").waitFor({ timeout: 30000 });
    await page.fill('input[aria-label="Search reasoning"]', "");
    await page.locator("[data-cycle]").first().waitFor();
    return `searched “${word}” (${found} rows in view); a search for nothing shows the empty state`;
  });

  await check("transactions shows fills, sortable and paginated", async () => {
    await go("/transactions/");
    await page.locator('[data-testid="fills"], .panel:has(h2:text("Fills")) .state.empty').first().waitFor();
    if (!(await page.locator('[data-testid="fills"]').count())) {
      assert(allowEmpty, "no fill shown (set REZ_E2E_ALLOW_EMPTY=1 for a fresh app)");
      await shot("transactions");
      return "no fill yet";
    }
    const rows = await page.locator('[data-testid="fills"] tbody tr').count();
    assert(rows > 0, "fills table is empty");
    await page.locator('[data-testid="fills"] th', { hasText: "Price" }).click();
    const col = await page.locator('[data-testid="fills"] th').allInnerTexts();
    const idx = col.findIndex((c) => c.startsWith("Price"));
    const prices = (await page.locator(`[data-testid="fills"] tbody tr td:nth-child(${idx + 1})`).allInnerTexts()).map(
      (p) => Number(p.replace(/,/g, "")),
    );
    for (let i = 1; i < prices.length; i++)
      assert(prices[i - 1] >= prices[i], `not sorted by price: ${prices[i - 1]} before ${prices[i]}`);
    let note = `${rows} fills on page 1`;
    const older = page.getByRole("button", { name: "Older →" });
    if (await older.isEnabled()) {
      await older.click();
      await page.waitForFunction(() => document.querySelector('[data-testid="fills-page"]')?.textContent === "page 2");
      await page.locator('[data-testid="fills"] tbody tr').first().waitFor();
      note += ", page 2 loaded";
      await page.getByRole("button", { name: "← Newer" }).click();
    }
    await page.locator('[data-testid="orders"], .panel:has(h2:text("Open orders")) .state').first().waitFor();
    await shot("transactions");
    return note;
  });

  await check("track record shows statistics", async () => {
    await go("/record/");
    await page.locator('[data-testid="record-cards"]').waitFor();
    const t = await text('[data-testid="record-cards"]');
    for (const part of ["Win rate", "Profit factor", "Max drawdown", "Sharpe", "Fees", "Funding", "Volume"])
      assert(t.includes(part), `missing “${part}”`);
    const trades = Number(t.match(/Trades\s+([\d,]+)/)?.[1]?.replace(/,/g, "") ?? 0);
    if (trades > 0) {
      await page.locator('[data-testid="pnl-histogram"]').waitFor();
      await page.locator('[data-testid="per-asset"] tbody tr').first().waitFor();
    } else assert(allowEmpty, "no trade in the track record");
    await page.waitForTimeout(300);
    await shot("record");
    return `${trades} trades`;
  });

  await check("chart draws candles with indicators", async () => {
    await go("/chart/");
    await page.locator('[data-testid="candle-chart"] canvas').first().waitFor();
    await page.locator('[data-testid="last-close"]').waitFor();
    await page.waitForTimeout(600);
    const painted = await paintedCanvases(page, '[data-testid="candle-chart"] canvas');
    assert(painted.best > 100, `chart canvases look blank (${JSON.stringify(painted)})`);
    const panes = await page
      .locator('[data-testid="candle-chart"] table tr')
      .count()
      .catch(() => 0);
    await shot("chart");
    return `${painted.canvases} canvases, ${panes} pane rows; ${await text('[data-testid="last-close"]')}`;
  });

  await check("3D view renders (or falls back)", async () => {
    await go("/3d/");
    await page
      .locator('[data-testid="surface-3d"] canvas, [data-testid="webgl-fallback"], .state.empty')
      .first()
      .waitFor();
    await page.waitForTimeout(800);
    await shot("3d");
    if (await page.locator('[data-testid="webgl-fallback"]').count()) return "WebGL fallback shown";
    if (await page.locator(".state.empty").count()) {
      assert(allowEmpty, "no trade: nothing to draw");
      return "empty";
    }
    return "WebGL surface";
  });

  if (killSwitch) {
    await check("kill switch: stop entries, then resume, with confirmation", async () => {
      await go("/");
      await page.locator('[data-testid="loop-state"]').waitFor();
      await page.getByRole("button", { name: "Stop entries" }).click();
      await page.getByRole("dialog").waitFor();
      await page.getByTestId("confirm-kill").click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="kill-state"]')?.textContent === "stop-entries",
      );
      await page.getByRole("button", { name: "Resume", exact: true }).click();
      await page.getByRole("dialog").waitFor();
      await page.getByTestId("confirm-kill").click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="kill-state"]'));
    });
  }

  for (const [name, fn] of extraChecks) {
    await check(name, () => fn({ page, base, assert, shot, go, ignoreConsoleErrors: (v) => (ignoring = v) }));
  }

  await check("nothing is loaded from outside the app", async () => {
    assert(foreign.size === 0, `requests to other origins: ${[...foreign].slice(0, 5).join(", ")}`);
  });

  await check("every page fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = [];
    try {
      for (const path of ["/", "/mind/", "/transactions/", "/record/", "/chart/", "/3d/"]) {
        await go(path);
        await page.locator("main h1").waitFor();
        await page.waitForTimeout(700);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) wide.push(`${path} (+${overflow}px)`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assert(wide.length === 0, `wider than a phone screen: ${wide.join(", ")}`);
  });

  await check("no console errors", async () => {
    assert(
      consoleErrors.length === 0,
      `${consoleErrors.length} console error(s):\n${consoleErrors.slice(0, 10).join("\n")}`,
    );
  });

  await context.close();
  rmSync(home, { recursive: true, force: true });
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${outDir}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return { passed, failed, results };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runE2e().then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
