import { calcPrice } from "@pydantic/genai-prices";
import type { ProviderAdapter } from "@/lib/providers/types";

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
}

/**
 * Cost in USD from the maintained price registry (@pydantic/genai-prices, bundled data: no network at run time).
 * An unknown model costs 0 and says so, rather than guessing.
 */
export function computeCost(
  adapter: ProviderAdapter,
  modelId: string,
  tokens: TokenCounts,
): { cost: number; priced: boolean } {
  if (!adapter.priceProviderId || (tokens.input === 0 && tokens.output === 0))
    return { cost: 0, priced: !adapter.priceProviderId };
  try {
    const price = calcPrice(
      { input_tokens: tokens.input, output_tokens: tokens.output, cache_read_tokens: tokens.cacheRead || undefined },
      modelId,
      { providerId: adapter.priceProviderId },
    );
    if (!price) return { cost: 0, priced: false };
    return { cost: Number(price.total_price.toFixed(8)), priced: true };
  } catch {
    return { cost: 0, priced: false };
  }
}

export function seconds(milliseconds: number): number {
  return Math.round(milliseconds) / 1000;
}
