// An integrator's override folder: any asset present there replaces the fallback's (by default the builtin
// registry), everything else falls back. The folder is read once, synchronously, on first use.
import { PROMPT_ID_PATTERN } from './asset-format';
import { PromptError } from './prompt-error';
import { nodeModules, readPromptFolder, type FolderPromptAsset } from './prompt-folder';
import type { PromptAsset, PromptSource } from './prompt-source';
import { builtinPromptSource, unknownPrompt } from './registry';
import type { PromptId } from './registry.generated';

export type DirectoryPromptSourceOptions = {
  /** Where ids the folder does not have come from; defaults to the builtin registry. */
  fallback?: PromptSource;
};

/**
 * A PromptSource reading overrides from `dir`, laid out like the package's prompts/ folder
 * (`voice_principles.md`, `intent_instructions/create_engagement/voice.md`, …) and validated by the same rules
 * as the builtin assets. An override must have an id the fallback knows (E_PROMPT_UNKNOWN otherwise, so a
 * misspelt file name is not silently ignored) and the same variables and `field` as the asset it replaces
 * (E_PROMPT_INVALID otherwise, since callers pass the variables the original declares). Its sha256 is of the
 * override file's bytes. Nothing may lead outside `dir` (E_PROMPT_PATH): not an id such as `../x` or `/x`, not a
 * symbolic link. Changes to the folder after first use are not seen; create a new source to reload.
 */
export function createDirectoryPromptSource(dir: string, options: DirectoryPromptSourceOptions = {}): PromptSource {
  const fallback = options.fallback ?? builtinPromptSource;
  const root = nodeModules().path.resolve(dir);
  const name = `directory:${root}`;
  let overrides: Map<string, PromptAsset> | undefined;

  const load = (): Map<string, PromptAsset> => {
    if (overrides) return overrides;
    const loaded = new Map<string, PromptAsset>();
    for (const asset of readPromptFolder(root)) loaded.set(asset.id, Object.freeze(checkAgainstFallback(asset, fallback, root)));
    overrides = loaded;
    return loaded;
  };

  return Object.freeze({
    name,
    get(id: PromptId): PromptAsset {
      if (typeof id !== 'string' || !PROMPT_ID_PATTERN.test(id)) {
        // Only ids shaped like paths could reach outside the folder; anything else is simply not an asset.
        if (typeof id === 'string' && /[./\\:]/.test(id)) {
          throw new PromptError('E_PROMPT_PATH', `Prompt id ${JSON.stringify(id)} would name a file outside ${root}.`, { details: { id, dir: root } });
        }
        throw unknownPrompt(id, name);
      }
      return load().get(id) ?? fallback.get(id);
    },
    list(): readonly PromptAsset[] {
      const loaded = load();
      return fallback.list().map((asset) => loaded.get(asset.id) ?? asset);
    },
  });
}

function checkAgainstFallback(asset: FolderPromptAsset, fallback: PromptSource, root: string): PromptAsset {
  let original: PromptAsset;
  try {
    original = fallback.get(asset.id as PromptId);
  } catch (error) {
    if (!(error instanceof Error) || (error as Partial<PromptError>).code !== 'E_PROMPT_UNKNOWN') throw error;
    throw new PromptError('E_PROMPT_UNKNOWN', `Override ${asset.path} in ${root} has id ${asset.id}, which ${fallback.name} does not have.`, {
      cause: error,
      details: { id: asset.id, path: asset.path, dir: root },
    });
  }
  const problems: string[] = [];
  const sameVariables = asset.variables.length === original.variables.length && asset.variables.every((variable) => original.variables.includes(variable));
  if (!sameVariables) problems.push(`declares variables [${asset.variables.join(', ')}] but callers pass [${original.variables.join(', ')}]`);
  if (asset.field !== original.field) problems.push(`has field ${String(asset.field)} but the asset it replaces has field ${String(original.field)}`);
  if (problems.length > 0) {
    throw new PromptError('E_PROMPT_INVALID', `Override ${asset.path} in ${root} ${problems.join('; ')}.`, {
      details: { id: asset.id, path: asset.path, dir: root, problems },
    });
  }
  return {
    id: asset.id as PromptId,
    version: asset.version,
    description: asset.description,
    variables: Object.freeze([...asset.variables]),
    ...(asset.field === undefined ? {} : { field: asset.field }),
    body: asset.body,
    sha256: asset.sha256,
  };
}
