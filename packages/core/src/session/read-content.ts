// Pre-drafted content for scripted creation and uploads: bytes → UTF-8 text → whatever fields it holds.
import { extractSeed, type ExtractSeedResult } from '../discovery';
import { LoomworksError } from '../errors';

/** Content as callers have it: text, or bytes read from a file. */
export type ContentInput = string | Uint8Array;

/**
 * Decodes content and checks it holds readable text. Rejects with `E_INVALID_CONTENT` when the bytes
 * are not UTF-8, contain NUL (a binary file), or the text is empty.
 */
export function decodeContent(content: ContentInput): string {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else if (content instanceof Uint8Array) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch (error) {
      throw new LoomworksError('E_INVALID_CONTENT', 'The content is not UTF-8 text', { cause: error, hint: 'Save the file as UTF-8 text (Markdown).' });
    }
  } else {
    throw new LoomworksError('E_INVALID_CONTENT', 'Content must be a string or bytes');
  }
  if (text.includes('\u0000')) {
    throw new LoomworksError('E_INVALID_CONTENT', 'The content looks like a binary file, not text', { hint: 'Give a Markdown file.' });
  }
  if (text.trim() === '') throw new LoomworksError('E_INVALID_CONTENT', 'The content is empty');
  return text;
}

/** Extracts content, rejecting with `E_INVALID_CONTENT` when no field can be recognised at all. */
export function readContent(content: ContentInput): { text: string; extraction: ExtractSeedResult } {
  const text = decodeContent(content);
  const extraction = extractSeed(text);
  if (!extraction.ok && extraction.issues.some((issue) => issue.code === 'EXTRACT_NO_FIELDS' || issue.code === 'EXTRACT_NOT_TEXT')) {
    throw new LoomworksError('E_INVALID_CONTENT', 'The content has none of the six sections (what we are making, who it is for, …)', {
      details: { issues: extraction.issues },
      hint: 'Use headings such as "## 1. What we\'re making" — see examples/marketing/content.md.',
    });
  }
  return { text, extraction };
}
