// An Operator message with line endings normalised to `\n`, plus the way back from a span of it to the exact
// characters they typed: evidence quotes must be substrings of the message as sent.

export type MessageText = {
  /** The message with `\r\n` and lone `\r` turned into `\n` (not trimmed, so offsets stay simple). */
  readonly text: string;
  /** The characters of the original message behind `text.slice(start, end)`. */
  original(start: number, end: number): string;
};

export function readMessageText(message: string): MessageText {
  if (!message.includes('\r')) return { text: message, original: (start, end) => message.slice(start, end) };
  // offsets[i] is where text[i] came from; a `\r\n` pair maps to its `\r` so the pair stays whole in slices.
  const parts: string[] = [];
  const offsets: number[] = [];
  for (let index = 0; index < message.length; index++) {
    const character = message[index] as string;
    if (character === '\r') {
      parts.push('\n');
      offsets.push(index);
      if (message[index + 1] === '\n') index++;
      continue;
    }
    parts.push(character);
    offsets.push(index);
  }
  offsets.push(message.length);
  const text = parts.join('');
  return {
    text,
    original: (start, end) => {
      if (end <= start) return '';
      const last = offsets[end - 1] as number;
      // A `\n` made from `\r\n` covers both characters.
      const stop = message[last] === '\r' && message[last + 1] === '\n' ? last + 2 : last + 1;
      return message.slice(offsets[start], stop);
    },
  };
}

/** The span of `text` between `start` and `end` without surrounding whitespace. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] as string)) from++;
  while (to > from && /\s/u.test(text[to - 1] as string)) to--;
  return { start: from, end: to };
}
