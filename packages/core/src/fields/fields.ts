// The ordered registry of the six fields a Seed is made of (SPEC §3) and their elicitation components (§3.1).

export type FieldKey = 'purpose' | 'audience' | 'voice' | 'constraints' | 'success' | 'additionalAssertions';
export type FieldType = 'text' | 'list' | 'entries';

export type FieldDefinition = {
  readonly number: 1 | 2 | 3 | 4 | 5 | 6;
  readonly key: FieldKey;
  /** The snake_case key used by the original engine and accepted in headings. */
  readonly engineKey: string;
  /** The question asked of the Operator, in plain terms. Field 1 also asks for the name. */
  readonly question: string;
  /** The heading a Discovery record uses for this field. */
  readonly title: string;
  /** Every heading title the extractor accepts for this field (canonical first). */
  readonly titles: readonly string[];
  readonly type: FieldType;
  readonly required: boolean;
  /** Minimum and maximum number of items, for list and entries fields. */
  readonly items?: { readonly min: number; readonly max: number };
};

export const FIELDS = [
  {
    number: 1,
    key: 'purpose',
    engineKey: 'purpose',
    question: 'What are we making? What should we call it?',
    title: "What we're making",
    titles: ["What we're making", 'What it is', 'Purpose'],
    type: 'text',
    required: true,
  },
  {
    number: 2,
    key: 'audience',
    engineKey: 'audience',
    question: 'Who is it for?',
    title: "Who it's for",
    titles: ["Who it's for", 'Audience', 'Readers', 'Consumers'],
    type: 'text',
    required: true,
  },
  {
    number: 3,
    key: 'voice',
    engineKey: 'voice',
    question: 'How should it sound — what should someone feel reading it?',
    title: 'How it should sound',
    titles: ['How it should sound', 'Voice', 'Tone'],
    type: 'text',
    required: true,
  },
  {
    number: 4,
    key: 'constraints',
    engineKey: 'constraints',
    question: 'What rules should it always follow?',
    title: 'Rules to follow',
    titles: ['Rules to follow', 'Rules', 'Constraints'],
    type: 'list',
    required: true,
    items: { min: 1, max: 50 },
  },
  {
    number: 5,
    key: 'success',
    engineKey: 'success',
    question: "How will we know it's working?",
    title: "Signs it's working",
    titles: ["Signs it's working", 'Success', 'Success criteria'],
    type: 'list',
    required: true,
    items: { min: 1, max: 50 },
  },
  {
    number: 6,
    key: 'additionalAssertions',
    engineKey: 'additional_assertions',
    question: 'Anything else it should always hold true?',
    title: 'Also true',
    titles: ['Also true', 'Additional assertions', 'Other notes'],
    type: 'entries',
    required: false,
    items: { min: 0, max: 100 },
  },
] as const satisfies readonly FieldDefinition[];

/** The titles that introduce the name section (part of Field 1). */
export const NAME_TITLES = ['Name', 'Title', 'Project name', 'Engagement name'] as const;

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((field) => field.key);

export const REQUIRED_FIELD_KEYS: readonly FieldKey[] = FIELDS.filter((field) => field.required).map((field) => field.key);

export function getField(key: FieldKey): FieldDefinition {
  const field = FIELDS.find((candidate) => candidate.key === key);
  if (!field) throw new TypeError(`Unknown field key: ${String(key)}`);
  return field;
}

export function isFieldKey(value: unknown): value is FieldKey {
  return typeof value === 'string' && (FIELD_KEYS as readonly string[]).includes(value);
}

/** Each field's per-field elicitation prompt component (SPEC §3.1). */
export const FIELD_COVERAGE = {
  purpose: 'create_engagement/purpose',
  audience: 'create_engagement/audience',
  voice: 'create_engagement/voice',
  constraints: 'create_engagement/constraints',
  success: 'create_engagement/success',
  additionalAssertions: 'create_engagement/additional_assertions',
} as const satisfies Record<FieldKey, string>;

export type FieldComponentId = (typeof FIELD_COVERAGE)[FieldKey];
