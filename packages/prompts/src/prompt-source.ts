// The shapes every prompt source shares: the builtin registry, an override folder, or an integrator's own source.
import type { PromptId } from './registry.generated';

export type { PromptId };

/** One prompt asset: its frontmatter, its Markdown body, and the sha256 (hex) of the file it came from. */
export type PromptAsset = {
  id: PromptId;
  version: number;
  description: string;
  /** Names used in the body as `{{name}}`; getPrompt requires exactly these. */
  variables: readonly string[];
  /** The field key a per-field component elicits (only on `create_engagement/*`). */
  field?: string;
  body: string;
  /** sha256 hex of the asset file's bytes, recorded for provenance. */
  sha256: string;
};

/** An asset with its variables filled in, ready to send. */
export type RenderedPrompt = { id: PromptId; version: number; sha256: string; text: string };

/** What listPrompts reports for each asset. */
export type PromptListEntry = { id: PromptId; version: number; sha256: string };

/**
 * Where prompt assets come from. `get` throws a PromptError with E_PROMPT_UNKNOWN for an id it does not have;
 * `list` returns every asset, sorted by id.
 */
export interface PromptSource {
  /** Names the source in traces and errors, e.g. `builtin` or `directory:/path/to/prompts`. */
  readonly name: string;
  get(id: PromptId): PromptAsset;
  list(): readonly PromptAsset[];
}
