// Conversions between Seed and the other shapes callers use: plain records and the original engine's wire format.
import { LoomworksError } from '../errors';
import { seedSchema, type AssertionEntry, type Seed } from './schema';

/**
 * Field 6 as a plain object. Later entries win on a duplicate key. Note that JS objects put
 * integer-like keys first, so the order of the entries is not kept.
 */
export function assertionsToRecord(entries: readonly AssertionEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
}

/** Field 6 from a plain object, in the object's own key order. */
export function assertionsFromRecord(record: Readonly<Record<string, string>>): AssertionEntry[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

/** The original engine's wire shape: snake_case keys and Field 6 as an object. */
export type EngineSeed = {
  name: string;
  purpose: string;
  audience: string;
  voice: string;
  constraints: string[];
  success: string[];
  additional_assertions: Record<string, string>;
};

export function toEngineSeed(seed: Seed): EngineSeed {
  return {
    name: seed.name,
    purpose: seed.purpose,
    audience: seed.audience,
    voice: seed.voice,
    constraints: [...seed.constraints],
    success: [...seed.success],
    additional_assertions: assertionsToRecord(seed.additionalAssertions),
  };
}

/** Parses the engine's wire shape into a validated Seed; rejects with `E_INVALID_SEED`. */
export function fromEngineSeed(engine: unknown): Seed {
  if (typeof engine !== 'object' || engine === null || Array.isArray(engine)) {
    throw new LoomworksError('E_INVALID_SEED', 'An engine Seed must be a JSON object');
  }
  const { additional_assertions: assertions, ...rest } = engine as Record<string, unknown>;
  const record = assertions === undefined ? {} : assertions;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new LoomworksError('E_INVALID_SEED', 'additional_assertions must be an object of key → value');
  }
  return parseSeed({ ...rest, additionalAssertions: assertionsFromRecord(record as Record<string, string>) });
}

export type SeedIssue = { path: (string | number)[]; message: string; code: string };

export type ParseSeedResult = { ok: true; seed: Seed } | { ok: false; issues: SeedIssue[] };

/** Validates anything against `seedSchema` without throwing. */
export function safeParseSeed(input: unknown): ParseSeedResult {
  const result = seedSchema.safeParse(input);
  if (result.success) return { ok: true, seed: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
      code: issue.code,
    })),
  };
}

/** Validates against `seedSchema`; rejects with `E_INVALID_SEED` listing every issue. */
export function parseSeed(input: unknown): Seed {
  const result = safeParseSeed(input);
  if (result.ok) return result.seed;
  const summary = result.issues.map((issue) => `${issue.path.join('.') || '(seed)'}: ${issue.message}`).join('; ');
  throw new LoomworksError('E_INVALID_SEED', `Invalid Seed: ${summary}`, { details: { issues: result.issues } });
}
