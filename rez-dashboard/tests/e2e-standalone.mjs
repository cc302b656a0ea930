// Runs the browser end-to-end test against the fake API (tests/fake-api.mjs) serving the static export (out/),
// including a restart of the "app" to check that the live stream reconnects. Build first: npm run build.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startFakeApi } from "./fake-api.mjs";
import { runE2e } from "./e2e.mjs";
import { arenaChecks } from "./e2e-arena.mjs";

const staticDir = fileURLToPath(new URL("../out/", import.meta.url));
if (!existsSync(staticDir + "index.html")) {
  console.error(`no export in ${staticDir}: run "npm run build" first`);
  process.exit(1);
}
const options = {
  port: 0,
  staticDir,
  cycleMs: Number(process.env.FAKE_CYCLE_MS ?? 2500),
  cycles: Number(process.env.FAKE_CYCLES ?? 10000),
  token: process.env.FAKE_TOKEN ?? null,
};
let api = await startFakeApi(options);
console.log(`fake API on ${api.url}`);

const reconnect = async ({ page, assert, ignoreConsoleErrors }) => {
  await page.goto(api.url + "/", { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="stream-state"]')?.textContent?.includes("live"),
  );
  ignoreConsoleErrors(true); // the browser logs the refused connections while the app is down
  const port = api.port;
  await api.close();
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="stream-state"]')?.textContent?.includes("live"),
    null,
    { timeout: 20000 },
  );
  api = await startFakeApi({ ...options, port });
  await page.waitForFunction(
    () => document.querySelector('[data-testid="stream-state"]')?.textContent?.includes("live"),
    null,
    { timeout: 30000 },
  );
  await page.waitForTimeout(500);
  ignoreConsoleErrors(false);
  const equity = await page.locator('[data-testid="equity"]').innerText();
  assert(/\$/.test(equity), "no equity after reconnect");
  return "stream back after restart";
};

let code = 1;
try {
  const r = await runE2e({
    url: api.url,
    token: options.token,
    extraChecks: [
      ["live stream reconnects after the app restarts", reconnect],
      ...arenaChecks(["rules", "bold", "hosted"]),
    ],
  });
  code = r.failed ? 1 : 0;
} catch (e) {
  console.error(e);
} finally {
  await api.close();
}
process.exit(code);
