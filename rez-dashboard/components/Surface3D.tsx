"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { Surface } from "@/lib/stats";
import { fmtDateTime, fmtSignedUsd } from "@/lib/format";

let webgl: boolean | null = null;

/**
 * True when the browser can create a WebGL context. Probed once per page load, and the probe's context released at
 * once: browsers allow only a few live contexts and drop the oldest beyond that.
 */
export function hasWebGL(): boolean {
  if (webgl !== null) return webgl;
  try {
    const c = document.createElement("canvas");
    const gl = (c.getContext("webgl2") || c.getContext("webgl")) as WebGLRenderingContext | null;
    gl?.getExtension("WEBGL_lose_context")?.loseContext();
    webgl = !!gl;
  } catch {
    webgl = false;
  }
  return webgl;
}

const WIDTH = 10; // time axis length
const DEPTH_STEP = 1.6; // spacing between assets
const HEIGHT = 2.5; // max |PnL| maps to this height

/** Colour of a PnL value: red below zero, green above, grey at zero. */
function colour(v: number, maxAbs: number): [number, number, number] {
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, v / maxAbs)) : 0;
  const grey = [0.42, 0.47, 0.53];
  const end = t >= 0 ? [0.12, 0.85, 0.55] : [1.0, 0.25, 0.33];
  const f = Math.sqrt(Math.abs(t));
  return [grey[0] + (end[0] - grey[0]) * f, grey[1] + (end[1] - grey[1]) * f, grey[2] + (end[2] - grey[2]) * f];
}

/**
 * Cumulative net PnL per asset over time as a 3D surface: time runs left to right, each asset is a row,
 * height and colour are the PnL. Drag to rotate, wheel to zoom.
 */
export function Surface3D({ surface }: { surface: Surface }) {
  const box = useRef<HTMLDivElement>(null);
  const labels = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The scene is rebuilt only when what it shows changes, not for every equal surface a refresh computes again.
  const key = useMemo(() => JSON.stringify([surface.assets, surface.times, surface.values]), [surface]);
  const current = useRef(surface);
  current.current = surface;
  // Where the user turned the view to: kept across rebuilds.
  const view = useRef({ azimuth: -0.6, elevation: 0.55, distance: 14 });

  useEffect(() => {
    const surface = current.current;
    let disposed = false;
    let cleanup = () => {};
    if (!hasWebGL()) {
      setFailed("WebGL is not available in this browser.");
      return;
    }
    import("./three-parts").then(
      (THREE) => {
        const el = box.current;
        if (disposed || !el) return;
        let renderer: import("./three-parts").WebGLRenderer;
        try {
          renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true });
        } catch (e) {
          setFailed(`WebGL could not start: ${(e as Error).message}`);
          return;
        }
        renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
        el.appendChild(renderer.domElement);
        const scene = new THREE.Scene();
        const camera = new THREE.PerspectiveCamera(45, 1, 0.1, 200);
        scene.add(new THREE.AmbientLight(0xffffff, 0.75));
        const sun = new THREE.DirectionalLight(0xffffff, 0.9);
        sun.position.set(4, 10, 6);
        scene.add(sun);

        const n = surface.assets.length;
        const m = surface.times.length;
        const maxAbs = Math.max(Math.abs(surface.min), Math.abs(surface.max), 1e-9);
        const zOf = (i: number) => (i - (n - 1) / 2) * DEPTH_STEP;
        const xOf = (j: number) => (m > 1 ? (j / (m - 1) - 0.5) * WIDTH : 0);
        const yOf = (v: number) => (v / maxAbs) * HEIGHT;
        const disposables: { dispose(): void }[] = [];

        // The surface between asset rows.
        if (n >= 1 && m >= 2) {
          const rows = Math.max(2, n);
          const pos: number[] = [];
          const col: number[] = [];
          for (let i = 0; i < rows; i++) {
            const ai = Math.min(i, n - 1);
            for (let j = 0; j < m; j++) {
              const v = surface.values[ai][j];
              pos.push(xOf(j), yOf(v), n === 1 ? (i - 0.5) * DEPTH_STEP * 0.6 : zOf(ai));
              col.push(...colour(v, maxAbs));
            }
          }
          const idx: number[] = [];
          for (let i = 0; i < rows - 1; i++)
            for (let j = 0; j < m - 1; j++) {
              const a = i * m + j,
                b = a + 1,
                c = a + m,
                d = c + 1;
              idx.push(a, c, b, b, c, d);
            }
          const g = new THREE.BufferGeometry();
          g.setAttribute("position", new THREE.Float32BufferAttribute(pos, 3));
          g.setAttribute("color", new THREE.Float32BufferAttribute(col, 3));
          g.setIndex(idx);
          g.computeVertexNormals();
          const mat = new THREE.MeshLambertMaterial({
            vertexColors: true,
            side: THREE.DoubleSide,
            transparent: true,
            opacity: 0.8,
          });
          scene.add(new THREE.Mesh(g, mat));
          disposables.push(g, mat);
          // A bright line per asset.
          for (let i = 0; i < n; i++) {
            const pts = surface.values[i].map((v, j) => new THREE.Vector3(xOf(j), yOf(v) + 0.01, zOf(i)));
            const lg = new THREE.BufferGeometry().setFromPoints(pts);
            const lm = new THREE.LineBasicMaterial({ color: 0xdde3ea });
            scene.add(new THREE.Line(lg, lm));
            disposables.push(lg, lm);
          }
        }
        // The zero plane and grid.
        const depth = Math.max(1, n) * DEPTH_STEP;
        const grid = new THREE.GridHelper(Math.max(WIDTH, depth) + 1, 20, 0x2a3340, 0x1e2632);
        scene.add(grid);
        const zg = new THREE.PlaneGeometry(WIDTH, depth);
        const zm = new THREE.MeshBasicMaterial({
          color: 0x4da3ff,
          transparent: true,
          opacity: 0.06,
          side: THREE.DoubleSide,
        });
        const zero = new THREE.Mesh(zg, zm);
        zero.rotation.x = -Math.PI / 2;
        scene.add(zero);
        disposables.push(zg, zm, grid.geometry, grid.material as import("./three-parts").Material);

        // Orbit by hand (drag to rotate, wheel to zoom).
        const orbit = view.current;
        const place = () => {
          const { azimuth, elevation, distance } = orbit;
          camera.position.set(
            distance * Math.cos(elevation) * Math.sin(azimuth),
            distance * Math.sin(elevation),
            distance * Math.cos(elevation) * Math.cos(azimuth),
          );
          camera.lookAt(0, 0, 0);
        };
        const labelEls = surface.assets.map((a, i) => {
          const div = document.createElement("div");
          const last = surface.values[i][m - 1] ?? 0;
          div.textContent = `${a} ${fmtSignedUsd(last)}`;
          div.style.cssText = `position:absolute;font-size:12px;pointer-events:none;white-space:nowrap;color:${last >= 0 ? "#2ecc8f" : "#ff5d6c"}`;
          labels.current?.appendChild(div);
          return div;
        });
        const v = new THREE.Vector3();
        const render = () => {
          const w = el.clientWidth,
            h = el.clientHeight;
          renderer.setSize(w, h, false);
          renderer.domElement.style.width = "100%";
          renderer.domElement.style.height = "100%";
          camera.aspect = w / Math.max(1, h);
          camera.updateProjectionMatrix();
          place();
          renderer.render(scene, camera);
          labelEls.forEach((div, i) => {
            v.set(xOf(m - 1) + 0.3, yOf(surface.values[i][m - 1] ?? 0), zOf(i)).project(camera);
            div.style.left = `${((v.x + 1) / 2) * w}px`;
            div.style.top = `${((1 - v.y) / 2) * h - 8}px`;
          });
        };
        let frame = 0;
        const request = () => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(render);
        };
        let drag: { x: number; y: number } | null = null;
        const canvas = renderer.domElement;
        canvas.style.touchAction = "none";
        canvas.onpointerdown = (e) => {
          drag = { x: e.clientX, y: e.clientY };
          canvas.setPointerCapture(e.pointerId);
        };
        canvas.onpointermove = (e) => {
          if (!drag) return;
          orbit.azimuth -= (e.clientX - drag.x) * 0.008;
          orbit.elevation = Math.max(0.05, Math.min(1.45, orbit.elevation + (e.clientY - drag.y) * 0.008));
          drag = { x: e.clientX, y: e.clientY };
          request();
        };
        canvas.onpointerup = () => {
          drag = null;
        };
        canvas.onwheel = (e) => {
          e.preventDefault();
          orbit.distance = Math.max(5, Math.min(40, orbit.distance * (e.deltaY > 0 ? 1.1 : 0.9)));
          request();
        };
        const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(request) : null;
        ro?.observe(el);
        render();
        cleanup = () => {
          cancelAnimationFrame(frame);
          ro?.disconnect();
          labelEls.forEach((d) => d.remove());
          disposables.forEach((d) => d.dispose());
          // Give the context back now rather than when it is collected: a browser keeps only a few alive.
          renderer.forceContextLoss();
          renderer.dispose();
          canvas.remove();
        };
      },
      (e) => setFailed(`3D view failed to load: ${e}`),
    );
    return () => {
      disposed = true;
      cleanup();
    };
  }, [key]);

  if (failed) {
    return (
      <div className="state" data-testid="webgl-fallback">
        <p>{failed} Showing the final cumulative PnL per asset instead.</p>
        <table style={{ maxWidth: 420, margin: "0 auto" }}>
          <tbody>
            {surface.assets.map((a, i) => (
              <tr key={a}>
                <td>{a}</td>
                <td>{fmtSignedUsd(surface.values[i][surface.times.length - 1] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <>
      <div className="canvas-box" ref={box} data-testid="surface-3d">
        <div ref={labels} style={{ position: "absolute", inset: 0, pointerEvents: "none" }} />
      </div>
      <div className="legend">
        <span>
          time → ({fmtDateTime(surface.times[0])} … {fmtDateTime(surface.times[surface.times.length - 1])} UTC)
        </span>
        <span>rows: assets</span>
        <span>height and colour: cumulative net PnL (green above zero, red below)</span>
        <span>drag to rotate · wheel to zoom</span>
      </div>
    </>
  );
}
