// Splits a document's body into sections at its headings: the title, the fields, the name, ignored and unknown ones.
import { normalizeText } from '../seed';
import type { FieldKey } from '../fields';
import type { ExtractionIssue } from './issue-codes';
import { classifyHeading, nameFromTitle } from './headings';
import { parseHeadingLine, type HeadingLine } from './markdown-lines';
import { LINE_HEADING, decodeSlice, type SourceDocument } from './source-document';

export type Section = {
  kind: 'title' | 'field' | 'name' | 'ignored' | 'unknown';
  key?: FieldKey;
  level: number;
  /** 0-based line of the heading. */
  headingLine: number;
  /** 0-based index of the heading's first `#`. */
  headingColumn: number;
  /** The lines the section holds: [first, end). */
  first: number;
  end: number;
  /** For the title: the decoded heading text. */
  title?: string;
};

/** Field headings (and the name, and ignored sections) are recognised at levels 1–4 (SPEC §4.2). */
const MAX_SECTION_LEVEL = 4;
const MESSAGE_TITLE_LIMIT = 60;

export function headingTitle(document: SourceDocument, line: number, heading: HeadingLine, limit = Infinity): string {
  const text = document.text[line] as string;
  const end = Math.min(heading.titleEnd, heading.titleStart + limit);
  return decodeSlice(document, line, text, heading.titleStart, end, false).value;
}

function quoteTitle(title: string): string {
  const short = title.length > MESSAGE_TITLE_LIMIT ? `${title.slice(0, MESSAGE_TITLE_LIMIT)}…` : title;
  return `"${short}"`;
}

function openSection(sections: Section[], current: Section | undefined, section: Section): Section {
  if (current) current.end = section.headingLine;
  sections.push(section);
  return section;
}

/**
 * Walks the headings once. A recognised heading always opens its section. Inside Field 6 a deeper heading
 * is an entry (SPEC §4.2); inside another field a deeper unknown heading is part of the field's text, and
 * inside an ignored or unknown section it is part of that section. The first heading is the title when
 * it is level 1 and either repeats the frontmatter name or is not recognised as a section.
 */
export function collectSections(document: SourceDocument, frontmatterName: string | undefined, warnings: ExtractionIssue[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let seenHeading = false;
  for (let line = document.bodyStart; line < document.kinds.length; line++) {
    if (document.kinds[line] !== LINE_HEADING) continue;
    const heading = parseHeadingLine(document.text[line] as string) as HeadingLine;
    const section = (kind: Section['kind'], key?: FieldKey, title?: string): Section => ({
      kind,
      key,
      level: heading.level,
      headingLine: line,
      headingColumn: heading.start,
      first: line + 1,
      end: document.kinds.length,
      title,
    });
    if (current?.key === 'additionalAssertions' && heading.level > current.level) continue;
    const isFirst = !seenHeading;
    seenHeading = true;
    const classified = heading.level <= MAX_SECTION_LEVEL ? classifyHeading(headingTitle(document, line, heading, 400)) : { kind: 'unknown' as const };
    if (isFirst && heading.level === 1) {
      const title = headingTitle(document, line, heading);
      const repeatsName =
        frontmatterName !== undefined && [title, nameFromTitle(title)].some((candidate) => normalizeText(candidate) === normalizeText(frontmatterName));
      if (repeatsName || classified.kind === 'unknown') {
        current = openSection(sections, current, section('title', undefined, title));
        continue;
      }
    }
    if (classified.kind === 'field') current = openSection(sections, current, section('field', classified.key));
    else if (classified.kind === 'name' || classified.kind === 'ignored') current = openSection(sections, current, section(classified.kind));
    else {
      if (current && current.kind !== 'title' && heading.level > current.level) continue;
      current = openSection(sections, current, section('unknown'));
      warnings.push({
        code: 'EXTRACT_UNKNOWN_SECTION',
        message: `The section ${quoteTitle(headingTitle(document, line, heading, MESSAGE_TITLE_LIMIT + 1))} is not one of the six fields, so it was skipped.`,
        line: line + 1,
        column: heading.start + 1,
      });
    }
  }
  return sections;
}
