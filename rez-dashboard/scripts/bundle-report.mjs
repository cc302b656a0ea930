// Measures the JavaScript each exported page loads up front (script tags) and the lazily loaded chunks,
// prints a Markdown table and fails when a page exceeds the budget (REZ_BUNDLE_BUDGET_KB, gzip, default 300).
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const out = new URL("../out/", import.meta.url).pathname;
const budgetKb = Number(process.env.REZ_BUNDLE_BUDGET_KB ?? 300);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const buf = readFileSync(file);
    sizes.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  return sizes.get(file);
}

const kb = (n) => (n / 1024).toFixed(1);
const pages = walk(out)
  .filter((f) => f.endsWith("index.html"))
  .sort();
const allJs = walk(out).filter((f) => f.endsWith(".js"));
const rows = [];
let over = [];
const initialFiles = new Set();
for (const page of pages) {
  const html = readFileSync(page, "utf8");
  // Modern browsers skip noModule (legacy polyfill) scripts: they are not counted.
  const srcs = [...html.matchAll(/<script([^>]+)>/g)]
    .filter((m) => !/nomodule/i.test(m[1]))
    .map((m) => m[1].match(/src="([^"]+\.js)"/)?.[1])
    .filter(Boolean);
  let raw = 0,
    gz = 0;
  for (const src of new Set(srcs)) {
    const file = join(out, src.replace(/^\//, ""));
    initialFiles.add(file);
    const s = size(file);
    raw += s.raw;
    gz += s.gzip;
  }
  const route = "/" + relative(out, page).replace(/index\.html$/, "");
  rows.push({ route, raw, gz, scripts: new Set(srcs).size });
  if (gz / 1024 > budgetKb) over.push(route);
}
// Chunks loaded on demand, by what they carry.
const lazy = new Map();
for (const f of allJs) {
  if (initialFiles.has(f)) continue;
  const text = readFileSync(f, "utf8");
  const what = text.includes("THREE.WebGLRenderer")
    ? "three.js (3D page)"
    : text.includes("tradingview")
      ? "lightweight-charts (overview, track record, chart)"
      : /noModule|polyfill/i.test(text) && size(f).raw > 50_000
        ? "legacy polyfills (noModule, not loaded by modern browsers)"
        : "other chunks";
  const s = size(f);
  const cur = lazy.get(what) ?? { raw: 0, gz: 0 };
  lazy.set(what, { raw: cur.raw + s.raw, gz: cur.gz + s.gzip });
}
const totalRaw = allJs.reduce((a, f) => a + size(f).raw, 0);
let md = `| page | scripts | JS loaded up front (raw) | (gzip) |\n|---|---:|---:|---:|\n`;
for (const r of rows) md += `| \`${r.route}\` | ${r.scripts} | ${kb(r.raw)} kB | ${kb(r.gz)} kB |\n`;
md += `\n| loaded on demand | raw | gzip |\n|---|---:|---:|\n`;
for (const [what, s] of lazy) md += `| ${what} | ${kb(s.raw)} kB | ${kb(s.gz)} kB |\n`;
md += `\nAll JavaScript in the export: ${kb(totalRaw)} kB raw. Budget: ${budgetKb} kB gzip loaded up front per page.\n`;
console.log(md);
mkdirSync(new URL("../target/", import.meta.url), { recursive: true });
writeFileSync(new URL("../target/bundle-sizes.md", import.meta.url), md);
if (over.length) {
  console.error(`bundle budget exceeded (${budgetKb} kB gzip) by: ${over.join(", ")}`);
  process.exit(1);
}
