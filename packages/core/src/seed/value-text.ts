// A Seed value as one line of the Operator's words: text as is, list items and Field 6 entries joined with "; ".
import type { AssertionEntry } from './schema';

export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return value === undefined ? '' : JSON.stringify(value);
  return value
    .map((item) => (typeof item === 'object' && item !== null && 'key' in item ? `${String((item as AssertionEntry).key)}: ${String((item as AssertionEntry).value)}` : String(item)))
    .join('; ');
}
