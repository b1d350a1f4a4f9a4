// The builtin prompt source (assets inlined at build time, so no file system is needed) and the typed
// accessors getPrompt and listPrompts, which work on any PromptSource.
import { VARIABLE_TOKEN_PATTERN } from './asset-format';
import { PromptError } from './prompt-error';
import type { PromptAsset, PromptListEntry, PromptSource, RenderedPrompt } from './prompt-source';
import { BUILTIN_PROMPT_ASSETS, type PromptId } from './registry.generated';

// Frozen, so a caller holding an asset cannot change what every later caller is sent.
const builtinAssets: readonly PromptAsset[] = Object.freeze(BUILTIN_PROMPT_ASSETS.map((asset) => Object.freeze({ ...asset, variables: Object.freeze([...asset.variables]) })));
const builtinById = new Map<string, PromptAsset>(builtinAssets.map((asset) => [asset.id, asset]));

/** The prompt assets shipped with this package, from the generated registry. */
export const builtinPromptSource: PromptSource = Object.freeze({
  name: 'builtin',
  get(id: PromptId): PromptAsset {
    const asset = builtinById.get(id);
    if (asset === undefined) throw unknownPrompt(id, 'builtin');
    return asset;
  },
  list(): readonly PromptAsset[] {
    return builtinAssets;
  },
});

export function unknownPrompt(id: unknown, sourceName: string): PromptError {
  return new PromptError('E_PROMPT_UNKNOWN', `There is no prompt asset with id ${JSON.stringify(id)} in ${sourceName}.`, { details: { id, source: sourceName } });
}

/**
 * The asset `id` from `source` with its `{{name}}` placeholders filled in. The variables must be exactly the ones
 * the asset declares, each a string: a missing or undeclared one throws E_PROMPT_VARIABLE (a typo would
 * otherwise send the model a literal placeholder or silently drop the value).
 */
export function getPrompt(id: PromptId, variables?: Record<string, string>, source: PromptSource = builtinPromptSource): RenderedPrompt {
  const asset = source.get(id);
  const given: Record<string, unknown> = variables ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new PromptError('E_PROMPT_VARIABLE', `Variables for prompt ${id} must be an object of strings.`, { details: { id } });
  }
  const names = Object.keys(given);
  const undeclared = names.filter((name) => !asset.variables.includes(name));
  const missing = asset.variables.filter((name) => !Object.hasOwn(given, name));
  const notText = names.filter((name) => asset.variables.includes(name) && typeof given[name] !== 'string');
  if (undeclared.length > 0 || missing.length > 0 || notText.length > 0) {
    const reasons = [
      ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
      ...(undeclared.length > 0 ? [`not declared: ${undeclared.join(', ')}`] : []),
      ...(notText.length > 0 ? [`not strings: ${notText.join(', ')}`] : []),
    ];
    throw new PromptError('E_PROMPT_VARIABLE', `Prompt ${id} takes the variables [${asset.variables.join(', ')}]: ${reasons.join('; ')}.`, {
      details: { id, declared: [...asset.variables], missing, undeclared, notText },
    });
  }
  // One pass with a replacer function: a value that itself contains `{{x}}` or `$&` is inserted literally.
  const text = asset.body.replace(VARIABLE_TOKEN_PATTERN, (_placeholder, name: string) => given[name] as string);
  return { id: asset.id, version: asset.version, sha256: asset.sha256, text };
}

/** Every asset's id, version and content hash, sorted by id. */
export function listPrompts(source: PromptSource = builtinPromptSource): PromptListEntry[] {
  return source.list().map(({ id, version, sha256 }) => ({ id, version, sha256 }));
}
