// The per-field elicitation components (SPEC §3.1, §5.2) for a set of fields, in FIELDS order, from a prompt source.
import { builtinPromptSource, getPrompt, type PromptSource } from '@loomworks/prompts';
import { LoomworksError } from '../errors';
import { FIELD_COVERAGE, FIELDS, isFieldKey, type FieldComponentId, type FieldKey } from './fields';

export type PerFieldComponent = {
  field: FieldKey;
  id: FieldComponentId;
  text: string;
  /** sha256 hex of the component's asset file, for provenance. */
  sha256: string;
};

/**
 * The components of `fields` (default: all six), always in FIELDS order whatever order they are given in, each
 * field once. `source` defaults to the prompts built into @loomworks/prompts. An unknown field key throws
 * E_USAGE; a component whose `field` frontmatter names another field throws E_PROMPT_INVALID.
 */
export function loadPerFieldComponents(fields?: readonly FieldKey[], source: PromptSource = builtinPromptSource): PerFieldComponent[] {
  if (fields !== undefined) {
    const unknown = fields.filter((field) => !isFieldKey(field));
    if (unknown.length > 0) {
      throw new LoomworksError('E_USAGE', `Unknown field key ${unknown.map((field) => JSON.stringify(field)).join(', ')}.`, { details: { fields: unknown } });
    }
  }
  const wanted = new Set<FieldKey>(fields ?? FIELDS.map((field) => field.key));
  return FIELDS.filter((field) => wanted.has(field.key)).map(({ key }) => {
    const id = FIELD_COVERAGE[key];
    const asset = source.get(id);
    if (asset.field !== key) {
      throw new LoomworksError('E_PROMPT_INVALID', `Prompt ${id} from ${source.name} is the component for ${String(asset.field)}, not ${key}.`, {
        details: { id, field: key, assetField: asset.field, source: source.name },
      });
    }
    const { text, sha256 } = getPrompt(id, {}, source);
    return { field: key, id, text, sha256 };
  });
}
