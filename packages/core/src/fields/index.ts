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
