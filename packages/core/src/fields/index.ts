export {
  FIELDS,
  FIELD_COVERAGE,
  FIELD_KEYS,
  NAME_TITLES,
  REQUIRED_FIELD_KEYS,
  getField,
  isFieldKey,
  type FieldComponentId,
  type FieldDefinition,
  type FieldKey,
  type FieldType,
} from './fields';
export { PART_ORDER, REQUIRED_PARTS, fieldOfPart, missingParts, nextPart, type SeedPart } from './parts';
export { loadPerFieldComponents, type PerFieldComponent } from './load-per-field-components';
// The prompt-source seam (STYLE.md): core takes a PromptSource wherever it reads prompts.
export type { PromptSource } from '@loomworks/prompts';
