// Faithful prompt-cache accounting. A request reads the longest unexpired prefix written before (found at
// one of its breakpoints, or up to 20 blocks before one, as the API looks back), refreshing its TTL, and
// writes every prefix ending at a later breakpoint that is long enough to cache. Usage splits the prompt
// the way the API does: read tokens, written tokens (by TTL), and `input_tokens` for the uncached rest.
import type { PrefixBlock } from './prompt-prefix';
import type { CacheCreationUsage, CacheTtl } from './wire-types';

/** How many blocks before a breakpoint the API checks for an earlier cached prefix. */
export const CACHE_LOOKBACK_BLOCKS = 20;

export const CACHE_TTL_MS: Record<CacheTtl, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** One cached prefix, as `cache.entries()` shows it. */
export type PromptCacheEntry = {
  /** The prefix identity (chained hash over the model and every block up to the breakpoint). */
  hash: string;
  model: string;
  /** Where the breakpoint was in the request that wrote it (`system.0`, `messages.4.content.1`). */
  location: string;
  tokens: number;
  ttl: CacheTtl;
  createdAt: number;
  expiresAt: number;
  /** How many requests read it since it was written. */
  hits: number;
};

/** What one request did to the cache, in tokens. */
export type CacheAccounting = {
  /** Tokens read from the cache (the longest cached prefix). */
  readTokens: number;
  /** Tokens written, split by the TTL of the breakpoint that wrote them. */
  creation: CacheCreationUsage;
  /** Prompt tokens neither read nor written: the part after the last read or written breakpoint. */
  uncachedTokens: number;
  /** Where the read prefix ends, and where each written one ends. */
  read: string | null;
  written: string[];
};

export type PromptCache = {
  /**
   * Accounts one request: `blocks` from prefixBlocks, `totalTokens` every input token of it, `minimum` the
   * model's minimum cacheable length. Mutates the cache (reads refresh, writes add).
   */
  account(model: string, blocks: readonly PrefixBlock[], totalTokens: number, minimum: number): CacheAccounting;
  /** Unexpired entries, oldest first. */
  entries(): PromptCacheEntry[];
  clear(): void;
};

export function createPromptCache(now: () => number): PromptCache {
  const store = new Map<string, PromptCacheEntry>();

  function expire(at: number): void {
    for (const [hash, entry] of store) if (entry.expiresAt <= at) store.delete(hash);
  }

  function account(model: string, blocks: readonly PrefixBlock[], totalTokens: number, minimum: number): CacheAccounting {
    const at = now();
    expire(at);
    const breakpoints = blocks.flatMap((block, index) => (block.breakpoint ? [index] : []));

    // Read: the longest cached prefix at a breakpoint or within the lookback window before one.
    let readIndex = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= 0 && index > breakpoint - CACHE_LOOKBACK_BLOCKS; index -= 1) {
        if (store.has((blocks[index] as PrefixBlock).prefixHash)) {
          if (index > readIndex) readIndex = index;
          break;
        }
      }
    }
    const readBlock = readIndex >= 0 ? (blocks[readIndex] as PrefixBlock) : null;
    if (readBlock) {
      const entry = store.get(readBlock.prefixHash) as PromptCacheEntry;
      entry.hits += 1;
      // A hit refreshes the entry; a breakpoint asking for the longer TTL there upgrades it.
      if (readBlock.breakpoint?.ttl === '1h') entry.ttl = '1h';
      entry.expiresAt = at + CACHE_TTL_MS[entry.ttl];
      // The shorter cached prefixes inside the read one were used too.
      for (const index of breakpoints) {
        const inner = index < readIndex ? store.get((blocks[index] as PrefixBlock).prefixHash) : undefined;
        if (inner) inner.expiresAt = Math.max(inner.expiresAt, at + CACHE_TTL_MS[inner.ttl]);
      }
    }

    // Write: each later breakpoint whose prefix is long enough; its new tokens are billed at its TTL.
    const creation: CacheCreationUsage = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    const written: string[] = [];
    let boundary = readBlock?.prefixTokens ?? 0;
    for (const index of breakpoints) {
      const block = blocks[index] as PrefixBlock;
      if (index <= readIndex || block.prefixTokens < minimum || store.has(block.prefixHash)) continue;
      const ttl = (block.breakpoint as { ttl: CacheTtl }).ttl;
      store.set(block.prefixHash, { hash: block.prefixHash, model, location: block.location, tokens: block.prefixTokens, ttl, createdAt: at, expiresAt: at + CACHE_TTL_MS[ttl], hits: 0 });
      const fresh = block.prefixTokens - boundary;
      if (ttl === '1h') creation.ephemeral_1h_input_tokens += fresh;
      else creation.ephemeral_5m_input_tokens += fresh;
      boundary = block.prefixTokens;
      written.push(block.location);
    }

    return {
      readTokens: readBlock?.prefixTokens ?? 0,
      creation,
      uncachedTokens: totalTokens - boundary,
      read: readBlock?.location ?? null,
      written,
    };
  }

  return {
    account,
    entries: () => {
      expire(now());
      return [...store.values()].map((entry) => ({ ...entry }));
    },
    clear: () => store.clear(),
  };
}
