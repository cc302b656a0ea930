import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/react";
import { Surface3D } from "@/components/Surface3D";
import { pnlSurface } from "@/lib/stats";
import { trade } from "./trades";

// A stand-in for the parts of three.js the view uses: it records the renderers made and what was done to them.
const three = vi.hoisted(() => {
  class Obj {
    position = { set() {} };
    rotation = { x: 0 };
    add() {}
  }
  class Disposable {
    dispose() {}
  }
  class Geometry extends Disposable {
    setAttribute() {}
    setIndex() {}
    computeVertexNormals() {}
    setFromPoints() {
      return this;
    }
  }
  const renderers: {
    domElement: HTMLCanvasElement;
    forceContextLoss: () => void;
    dispose: () => void;
    lost: boolean;
    disposed: boolean;
  }[] = [];
  class WebGLRenderer {
    domElement = document.createElement("canvas");
    lost = false;
    disposed = false;
    constructor() {
      renderers.push(this);
    }
    setPixelRatio() {}
    setSize() {}
    render() {}
    forceContextLoss() {
      this.lost = true;
    }
    dispose() {
      this.disposed = true;
    }
  }
  return {
    renderers,
    parts: {
      AmbientLight: Obj,
      DirectionalLight: Obj,
      Scene: Obj,
      Mesh: Obj,
      Line: Obj,
      PerspectiveCamera: class extends Obj {
        aspect = 1;
        updateProjectionMatrix() {}
        lookAt() {}
      },
      GridHelper: class extends Obj {
        geometry = new Disposable();
        material = new Disposable();
      },
      BufferGeometry: Geometry,
      PlaneGeometry: Geometry,
      Float32BufferAttribute: class {},
      LineBasicMaterial: Disposable,
      MeshBasicMaterial: Disposable,
      MeshLambertMaterial: Disposable,
      DoubleSide: 2,
      Vector3: class {
        x = 0;
        y = 0;
        set() {
          return this;
        }
        project() {
          return this;
        }
      },
      WebGLRenderer,
    },
  };
});
vi.mock("@/components/three-parts", () => three.parts);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const trades = [trade("BTC", "2026-01-01T00:00:00Z", 12.5), trade("ETH", "2026-01-01T01:00:00Z", -4)];

describe("Surface3D with WebGL", () => {
  it("builds its scene once for equal surfaces, and gives each WebGL context back when it rebuilds", async () => {
    const lose = vi.fn();
    const probe = vi
      .spyOn(HTMLCanvasElement.prototype, "getContext")
      .mockImplementation(() => ({ getExtension: () => ({ loseContext: lose }) }) as unknown as RenderingContext);

    const { rerender, unmount } = render(<Surface3D surface={pnlSurface(trades, 4, ["BTC", "ETH"])} />);
    await waitFor(() => expect(three.renderers).toHaveLength(1));
    const first = three.renderers[0];
    expect(first.domElement.isConnected).toBe(true);

    // A status event: a new assets array with the same names, a surface computed again, equal to the first.
    rerender(<Surface3D surface={pnlSurface(trades, 4, ["BTC", "ETH"])} />);
    expect(first.lost).toBe(false);
    expect(first.domElement.isConnected).toBe(true);

    // New data: the old scene's context is released before the new one is made.
    rerender(<Surface3D surface={pnlSurface([...trades, trade("BTC", "2026-01-01T02:00:00Z", 3)], 4)} />);
    expect(first.lost).toBe(true);
    expect(first.disposed).toBe(true);
    expect(first.domElement.isConnected).toBe(false);
    await waitFor(() => expect(three.renderers).toHaveLength(2));

    unmount();
    expect(three.renderers[1].lost).toBe(true);
    // The WebGL probe made one context, once, and released it.
    expect(probe.mock.calls.length).toBe(1);
    expect(lose).toHaveBeenCalledOnce();
  });
});
