// Browser checks of the Arena page against an app that runs an arena (rez arena --port, rez demo --contestant):
// every contestant in the leaderboard, their equity curves drawn on one chart, and the drill-down into a
// contestant's own pages.
//
//   REZ_E2E_URL=http://127.0.0.1:7070 REZ_E2E_ARENA=rules,bold node tests/e2e-arena.mjs
//
// REZ_E2E_ARENA names the contestants the page must show. Other variables as for tests/e2e.mjs.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { paintedCanvases, runE2e } from "./e2e.mjs";

/** The arena checks, as extra checks of {@link runE2e}, for an arena of the contestants `names` (in entry order). */
export function arenaChecks(names) {
  return [
    [
      "arena page shows every contestant and their equity curves",
      async ({ page, go, assert, shot }) => {
        await go("/arena/");
        await page.locator('[data-testid="arena-table"]').waitFor();
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="arena-contestant"]').length === n,
          names.length,
        );
        const shown = await page.locator('[data-testid="arena-contestant"]').allInnerTexts();
        for (const name of names)
          assert(
            shown.some((t) => t.includes(name)),
            `contestant ${name} missing from the leaderboard: ${shown.join(" | ")}`,
          );
        await page.locator('[data-testid="arena-chart"] canvas').first().waitFor();
        await page.waitForTimeout(600);
        const painted = (await paintedCanvases(page, '[data-testid="arena-chart"] canvas')).best;
        assert(painted > 100, `the equity chart looks blank (${painted})`);
        await shot("arena");
        return `${names.length} contestants: ${await page.locator('[data-testid="arena-progress"]').innerText()}`;
      },
    ],
    [
      "arena drill-down opens a contestant's own track record",
      async ({ page, go, assert }) => {
        const name = names[names.length - 1];
        await go("/arena/");
        const link = page.getByTestId(`drill-${name}-record`);
        await link.waitFor();
        const stats = page.waitForResponse(
          (r) => r.url().includes(`/api/arena/${encodeURIComponent(name)}/stats`) && r.status() === 200,
        );
        await link.click();
        await stats;
        await page.locator('[data-testid="record-cards"]').waitFor();
        const bar = await page.locator('[data-testid="contestant-bar"]').innerText();
        assert(bar.includes(name), `the contestant bar says “${bar}”, not ${name}`);
        assert(new URL(page.url()).searchParams.get("contestant") === name, `page URL ${page.url()}`);
        return bar;
      },
    ],
    [
      "arena page fits a phone screen",
      async ({ page, go, assert }) => {
        await page.setViewportSize({ width: 390, height: 844 });
        try {
          await go("/arena/");
          await page.locator('[data-testid="arena-table"]').waitFor();
          await page.waitForTimeout(500);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 1, `wider than a phone screen by ${overflow}px`);
        } finally {
          await page.setViewportSize({ width: 1440, height: 900 });
        }
      },
    ],
  ];
}

/** The checks of tests/e2e.mjs that hold for an arena as well. */
export const ARENA_COMMON = [
  "nothing is loaded from outside the app",
  "every page fits a phone screen",
  "no console errors",
];

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const names = (process.env.REZ_E2E_ARENA ?? "").split(",").filter(Boolean);
  if (!names.length) {
    console.error("REZ_E2E_ARENA must name the contestants, e.g. REZ_E2E_ARENA=rules,bold");
    process.exit(1);
  }
  runE2e({ only: ARENA_COMMON, extraChecks: arenaChecks(names) }).then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
