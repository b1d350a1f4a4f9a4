// @loomworks/anthropic — Claude as the Loomworks Companion, on the official @anthropic-ai/sdk client.

export { createAnthropicCompanion, type AnthropicCompanion, type AnthropicCompanionOptions } from './create-anthropic-companion';
export { buildMessagesRequest, type BuildMessagesRequestOptions, type CacheSetting, type MessagesRequest } from './build-messages-request';
export type { AnthropicCompanionWarning, CacheCheck } from './cacheable-prefix';
export { DEFAULT_MODEL } from './models';
export { PRICES, billedInputTokens, estimateCost, type EstimateCostOptions, type ModelPrice, type PriceTable } from './prices';
