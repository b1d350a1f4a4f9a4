// `npm run demo`: the main job, offline. For now it reads the pre-drafted marketing content,
// extracts its Seed and runs induction (the final check), printing what it found.
import { readFile } from 'node:fs/promises';
import { FIELDS, extractSeed, inductSeed } from '@loomworks/core';

const path = new URL('./content.md', import.meta.url);
const markdown = await readFile(path, 'utf8');
const extraction = extractSeed(markdown);

if (!extraction.ok) {
  console.error('The marketing content could not be read:');
  for (const issue of extraction.issues) console.error(`  ${issue.line}:${issue.column} ${issue.code} ${issue.message}`);
  process.exit(3);
}

const { seed } = extraction;
const induction = await inductSeed(seed);

console.log(`\n${seed.name}\n${'═'.repeat(seed.name.length)}\n`);
for (const field of FIELDS) {
  const value = seed[field.key];
  console.log(`${field.number}. ${field.title}`);
  if (typeof value === 'string') console.log(indent(value));
  else if (field.key === 'additionalAssertions') for (const entry of value) console.log(indent(`• ${entry.key}: ${entry.value}`));
  else for (const item of value) console.log(indent(`• ${item}`));
  console.log('');
}
console.log(`Induction: ${induction.status}`);
for (const finding of induction.findings) console.log(`  ${finding.severity} ${finding.code}: ${finding.message}`);
process.exit(induction.status === 'induction-fail' ? 4 : 0);

function indent(text) {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}
