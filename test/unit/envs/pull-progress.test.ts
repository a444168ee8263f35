import { describe, expect, it } from "vitest";
import { isFinalPullFailure, LayerProgress } from "../../../src/envs/images/pull-image.js";

describe("pull progress", () => {
  it("sums the daemon's per-layer events into bytes done and announced", () => {
    const p = new LayerProgress();
    p.add({ status: "Pulling from swebench/x", id: "latest" });
    p.add({ status: "Pulling fs layer", id: "a" });
    p.add({ status: "Downloading", id: "a", progressDetail: { current: 100, total: 1000 } });
    p.add({ status: "Downloading", id: "b", progressDetail: { current: 50, total: 500 } });
    expect([p.doneBytes, p.totalBytes]).toEqual([150, 1500]);
    p.add({ status: "Download complete", id: "a" });
    p.add({ status: "Extracting", id: "a", progressDetail: { current: 10, total: 9999 } });
    expect([p.doneBytes, p.totalBytes]).toEqual([1050, 1500]);
  });

  it("retries a server error or a broken connection but not an unknown manifest or a denial", () => {
    expect(isFinalPullFailure("received unexpected HTTP status: 500 Internal Server Error")).toBe(false);
    expect(isFinalPullFailure("unexpected EOF")).toBe(false);
    expect(isFinalPullFailure("manifest for 127.0.0.1:5000/x:1 not found: manifest unknown")).toBe(true);
    expect(isFinalPullFailure("pull access denied for x, repository does not exist")).toBe(true);
  });
});
