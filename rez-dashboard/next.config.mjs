import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/** Static export served by rez-app at "/" (same origin as the API). */
const nextConfig = {
  output: "export",
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
};

/**
 * `npm run dev` only: forward /api to a running rez-app (or `npm run fake-api`), REZ_API_URL
 * (default http://127.0.0.1:7070). The exported build has no server side and calls its own origin.
 */
export default function config(phase) {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return nextConfig;
  const target = (process.env.REZ_API_URL ?? "http://127.0.0.1:7070").replace(/\/$/, "");
  const { output, ...dev } = nextConfig;
  return {
    ...dev,
    skipTrailingSlashRedirect: true,
    rewrites: async () => [{ source: "/api/:path*", destination: `${target}/api/:path*` }],
  };
}
