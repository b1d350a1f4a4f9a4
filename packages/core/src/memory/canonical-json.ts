// RFC 8785 (JSON Canonicalization Scheme): one byte-exact JSON text per value, so Memory hashes are reproducible anywhere.

/**
 * Serialises `value` as RFC 8785 canonical JSON: object keys sorted by UTF-16 code units, numbers in
 * ECMAScript shortest round-trip form (so `-0` is `0` and `1e21` stays `1e+21`), strings escaped as
 * `JSON.stringify` does, no whitespace.
 *
 * Only JSON data is accepted. Anything JSON.stringify would silently drop or alter — `undefined`,
 * functions, symbols, bigints, non-finite numbers, non-plain objects such as `Date` or `Map` — and
 * cycles throw a TypeError, because a hash over silently altered data would verify the wrong thing.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, [], new Set());
}

function serialise(value: unknown, path: readonly string[], ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number at ${describePath(path)}`);
      // ECMAScript Number::toString is exactly the RFC 8785 number form; JSON.stringify applies it and maps -0 to 0.
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return serialiseContainer(value, path, ancestors);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data at ${describePath(path)}`);
  }
}

function serialiseContainer(value: object, path: readonly string[], ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: cycle at ${describePath(path)}`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let index = 0; index < value.length; index += 1) {
        // Index access (not forEach) so holes in sparse arrays are seen as undefined and rejected.
        items.push(serialise(value[index], [...path, String(index)], ancestors));
      }
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`canonicalJson: a ${kind} is not a plain JSON object at ${describePath(path)}`);
    }
    // The default sort compares UTF-16 code units, which is the order RFC 8785 prescribes.
    const keys = Object.keys(value).sort();
    const members = keys.map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key], [...path, key], ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function describePath(path: readonly string[]): string {
  return path.length === 0 ? 'the top level' : path.join('.');
}
