// Timestamps in tables: UTC, readable at a glance (`--json` keeps the full ISO string).

/** `2026-11-26T10:00:12.345Z` → `2026-11-26 10:00Z`, or `2026-11-26 10:00:12Z` to the second. */
export function shortTime(iso: string, precision: 'minute' | 'second' = 'minute'): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso)) return iso;
  return `${iso.slice(0, 10)} ${iso.slice(11, precision === 'minute' ? 16 : 19)}Z`;
}
