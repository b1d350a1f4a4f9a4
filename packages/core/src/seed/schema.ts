// The Seed: the engagement's founding document (SPEC §3). `seedSchema` is the single source of truth.
import { z } from 'zod';
import type { FieldKey } from '../fields';

/** Text is stored as given, trimmed at both ends, with line endings normalised to `\n`. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

export const SEED_LIMITS = {
  name: 120,
  text: 4000,
  listItem: 500,
  listItems: 50,
  entryKey: 80,
  entryValue: 2000,
  entries: 100,
} as const;

const text = (max: number) => z.string().overwrite(normalizeText).min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const oneLine = (max: number) => text(max).regex(/^[^\n]*$/, 'must be a single line');
const list = z.array(text(SEED_LIMITS.listItem)).min(1, 'needs at least one item').max(SEED_LIMITS.listItems, `must have at most ${SEED_LIMITS.listItems} items`);

export const nameSchema = oneLine(SEED_LIMITS.name).describe('What to call it: one line.');
export const purposeSchema = text(SEED_LIMITS.text).describe('Field 1: what we are making.');
export const audienceSchema = text(SEED_LIMITS.text).describe('Field 2: who it is for.');
export const voiceSchema = text(SEED_LIMITS.text).describe('Field 3: how it should sound.');
export const constraintsSchema = list.describe('Field 4: rules it should always follow.');
export const successSchema = list.describe("Field 5: signs it's working.");
export const assertionEntrySchema = z.strictObject({
  key: oneLine(SEED_LIMITS.entryKey),
  value: text(SEED_LIMITS.entryValue),
});
export const additionalAssertionsSchema = z
  .array(assertionEntrySchema)
  .max(SEED_LIMITS.entries, `must have at most ${SEED_LIMITS.entries} entries`)
  .describe('Field 6: anything else that must always hold true, as ordered key/value entries.');

/** Per-field schemas, keyed by field (the name belongs to Field 1 and has its own schema). */
export const fieldSchemas = {
  purpose: purposeSchema,
  audience: audienceSchema,
  voice: voiceSchema,
  constraints: constraintsSchema,
  success: successSchema,
  additionalAssertions: additionalAssertionsSchema,
} as const satisfies Record<FieldKey, z.ZodType>;

export const seedSchema = z
  .strictObject({
    name: nameSchema,
    purpose: purposeSchema,
    audience: audienceSchema,
    voice: voiceSchema,
    constraints: constraintsSchema,
    success: successSchema,
    additionalAssertions: additionalAssertionsSchema,
  })
  .describe('A Loomworks Seed (the founding document of an engagement).');

/** A conversation in progress: the Seed with every field optional. */
export const seedDraftSchema = seedSchema.partial();

export type Seed = z.output<typeof seedSchema>;
export type SeedDraft = z.output<typeof seedDraftSchema>;
export type AssertionEntry = Seed['additionalAssertions'][number];

/** JSON Schema (draft 2020-12) of the Seed, for integrators in other languages. */
export const seedJsonSchema: Record<string, unknown> = z.toJSONSchema(seedSchema, { io: 'input' }) as Record<string, unknown>;
