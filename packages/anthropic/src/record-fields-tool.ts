// The strict `record_fields` tool: how Claude reports the values it heard and what it asks next. Its input
// schema is generated from core's per-field zod schemas, so the limits live in one place.
import type Anthropic from '@anthropic-ai/sdk';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import { PART_ORDER, fieldSchemas, nameSchema, type AskingTarget, type DraftValues, type SeedPart } from '@loomworks/core';
import { z } from 'zod';

export const RECORD_FIELDS = 'record_fields';

const ASKING_TARGETS = [...PART_ORDER, 'close', 'confirm'] as const;

function schemaOf(part: SeedPart): z.ZodType {
  return part === 'name' ? nameSchema : fieldSchemas[part];
}

const valuesSchema = z
  .strictObject(Object.fromEntries(PART_ORDER.map((part) => [part, schemaOf(part).optional()])))
  .describe("The complete new value of each part the Operator's message answered or changed (a whole list, not only new items).");

/** The tool input as zod sees it (shape only; each value is validated on its own by `readRecordFields`). */
const recordFieldsSchema = z.strictObject({
  values: valuesSchema,
  asking: z
    .enum(ASKING_TARGETS)
    .nullable()
    .describe('What your reply asks next: a part, "close" (anything else, or shall I put it together?), "confirm" (review, or ready to begin?), or null.'),
  skipped: z.array(z.enum(PART_ORDER as readonly SeedPart[] as [SeedPart, ...SeedPart[]])).optional().describe('Parts the Operator asked to skip for now.'),
});

/**
 * The strict-mode JSON schema: zod's JSON Schema, reduced by the SDK's own transform to what strict tool
 * use accepts (limits it cannot enforce move into the descriptions, as the SDK does for structured outputs).
 */
const inputSchema = transformJSONSchema(z.toJSONSchema(recordFieldsSchema, { io: 'input' })) as Anthropic.Tool.InputSchema;

export const RECORD_FIELDS_TOOL: Anthropic.Tool = {
  name: RECORD_FIELDS,
  description:
    "Record what the Operator's latest message answered, and say what your reply asks next. Call it once on every turn in which you ask something or the Operator answered something. Each value replaces the part's previous value, so send lists in full. Record only the Operator's own words.",
  input_schema: inputSchema,
  strict: true,
};

/** The tool input of a Companion turn in the history, as Claude would have sent it. */
export function recordFieldsInput(values: DraftValues, asking: AskingTarget): { values: DraftValues; asking: AskingTarget } {
  const ordered: DraftValues = {};
  for (const part of PART_ORDER) if (Object.hasOwn(values, part)) ordered[part] = values[part];
  return { values: ordered, asking };
}

export type RecordFieldsReading = {
  /** Every part value Claude sent: schema-valid ones normalised, invalid ones as sent (the engine rejects and traces them). */
  values: DraftValues;
  /** Parts whose value failed the part's schema, with the issues. */
  invalid: { part: SeedPart; issues: string[] }[];
  /** `undefined` when Claude sent no usable `asking`. */
  asking: AskingTarget | undefined;
  skipped: SeedPart[];
  /** Properties that are not part of the tool's input (ignored). */
  ignored: string[];
};

/** Reads a parsed `record_fields` input leniently: a value that fails its schema never hides the others. */
export function readRecordFields(input: unknown): RecordFieldsReading {
  const reading: RecordFieldsReading = { values: {}, invalid: [], asking: undefined, skipped: [], ignored: [] };
  if (!isObject(input)) {
    reading.ignored.push('(input is not an object)');
    return reading;
  }
  const values = input.values;
  if (isObject(values)) {
    for (const [key, value] of Object.entries(values)) {
      if (!(PART_ORDER as readonly string[]).includes(key)) {
        reading.ignored.push(`values.${key}`);
        continue;
      }
      const part = key as SeedPart;
      const parsed = schemaOf(part).safeParse(value);
      if (parsed.success) reading.values[part] = parsed.data;
      else {
        reading.values[part] = value;
        reading.invalid.push({ part, issues: parsed.error.issues.map((issue) => `${[part, ...issue.path].join('.')}: ${issue.message}`) });
      }
    }
  } else if (values !== undefined) reading.ignored.push('values');
  if (input.asking === null || (ASKING_TARGETS as readonly unknown[]).includes(input.asking)) reading.asking = input.asking as AskingTarget;
  else if (input.asking !== undefined) reading.ignored.push('asking');
  if (Array.isArray(input.skipped)) {
    for (const part of input.skipped) if ((PART_ORDER as readonly unknown[]).includes(part) && !reading.skipped.includes(part as SeedPart)) reading.skipped.push(part as SeedPart);
  }
  for (const key of Object.keys(input)) if (key !== 'values' && key !== 'asking' && key !== 'skipped') reading.ignored.push(key);
  return reading;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
