// The cacheable prefix of a request: its blocks in cache order (tools → system → messages), each with the
// identity and length of the prefix that ends at it, and the breakpoints (`cache_control`) among them.
import { canonicalJson, sha256Hex } from '@loomworks/core';
import { TOKEN_OVERHEAD, contentBlocks, countBlockTokens, countToolTokens, systemBlocks, withoutCacheControl } from './tokens';
import type { CacheControl, CacheTtl, MessagesRequest } from './wire-types';

export type PrefixBlock = {
  /** Where the block is in the request: `tools.0`, `system.1`, `messages.3.content.0`. */
  location: string;
  /** Tokens of this block (a message's own overhead is counted with its first block). */
  tokens: number;
  /** Tokens of the whole prefix ending at this block. */
  prefixTokens: number;
  /**
   * Identity of the whole prefix ending at this block: a hash chained over the model and the canonical JSON
   * of every block up to here, cache_control removed (moving a breakpoint does not change what is cached).
   */
  prefixHash: string;
  /** Set when the block carries a breakpoint. */
  breakpoint: { ttl: CacheTtl } | null;
};

function breakpointOf(control: CacheControl | null | undefined): PrefixBlock['breakpoint'] {
  if (control === undefined || control === null) return null;
  return { ttl: control.ttl ?? '5m' };
}

/**
 * The request's prefix blocks. The top-level `cache_control` (automatic caching) marks the last block of
 * the last message, as the API does.
 */
export function prefixBlocks(request: MessagesRequest): PrefixBlock[] {
  const blocks: PrefixBlock[] = [];
  let hash = sha256Hex(`model:${request.model}`);
  let prefixTokens = 0;
  const push = (location: string, identity: unknown, tokens: number, control: CacheControl | null | undefined) => {
    hash = sha256Hex(`${hash}\n${canonicalJson(identity)}`);
    prefixTokens += tokens;
    blocks.push({ location, tokens, prefixTokens, prefixHash: hash, breakpoint: breakpointOf(control) });
  };

  (request.tools ?? []).forEach((tool, index) => push(`tools.${index}`, { tool: withoutCacheControl(tool) }, countToolTokens(tool), tool.cache_control));
  systemBlocks(request.system).forEach((block, index) =>
    push(`system.${index}`, { system: withoutCacheControl(block) }, countBlockTokens(block), block.cache_control),
  );
  request.messages.forEach((message, messageIndex) => {
    contentBlocks(message.content).forEach((block, blockIndex) => {
      const tokens = countBlockTokens(block) + (blockIndex === 0 ? TOKEN_OVERHEAD.message : 0);
      const identity = { message: messageIndex, role: message.role, block: withoutCacheControl(block) };
      push(`messages.${messageIndex}.content.${blockIndex}`, identity, tokens, block.cache_control);
    });
  });

  const automatic = breakpointOf(request.cache_control);
  const last = blocks[blocks.length - 1];
  if (automatic && last && last.location.startsWith('messages.') && !last.breakpoint) last.breakpoint = automatic;
  return blocks;
}

/** How many breakpoints a request sets, counting the top-level `cache_control` (the API allows 4). */
export function countBreakpoints(request: MessagesRequest): number {
  let count = request.cache_control ? 1 : 0;
  for (const tool of request.tools ?? []) if (tool.cache_control) count += 1;
  for (const block of systemBlocks(request.system)) if (block.cache_control) count += 1;
  for (const message of request.messages) for (const block of contentBlocks(message.content)) if (block.cache_control) count += 1;
  return count;
}
