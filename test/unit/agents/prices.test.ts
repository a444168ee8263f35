import { describe, expect, it } from "vitest";
import { costUsd, lookupPrice } from "../../../src/agents/prices.js";

describe("model prices", () => {
  it("matches exact names, dated names by their longest prefix, and names behind a router prefix", () => {
    expect(lookupPrice("gpt-4o")).toEqual({ price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 }, known: true });
    expect(lookupPrice("gpt-4o-mini-2024-07-18").price).toEqual({ inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 });
    expect(lookupPrice("claude-sonnet-4-20250514").price).toEqual({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 });
    expect(lookupPrice("openai/gpt-4.1-mini").price).toEqual({ inputUsdPerMTok: 0.4, outputUsdPerMTok: 1.6 });
  });

  it("prices an unknown model at 0 and says the price is unknown", () => {
    expect(lookupPrice("qwen2.5-coder-7b")).toEqual({ price: { inputUsdPerMTok: 0, outputUsdPerMTok: 0 }, known: false });
  });

  it("lets overrides replace a default and its dated names, add new models, and leave longer defaults alone", () => {
    const overrides = { "gpt-4o": { inputUsdPerMTok: 1, outputUsdPerMTok: 1 }, qwen: { inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.2 } };
    expect(lookupPrice("gpt-4o", overrides).price).toEqual({ inputUsdPerMTok: 1, outputUsdPerMTok: 1 });
    expect(lookupPrice("qwen2.5-coder-7b", overrides)).toEqual({ price: { inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.2 }, known: true });
    expect(lookupPrice("gpt-4o-2024-08-06", overrides).price).toEqual({ inputUsdPerMTok: 1, outputUsdPerMTok: 1 });
    expect(lookupPrice("gpt-4o-mini", overrides).price).toEqual({ inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 });
  });

  it("costs tokens per million", () => {
    expect(costUsd({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, { inputTokens: 2_000_000, outputTokens: 100_000 })).toBeCloseTo(7.5, 12);
  });
});
