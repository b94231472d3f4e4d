// Regenerates pronunciations.txt: the CMU Pronouncing Dictionary entries for every English word the planner
// writes (string literals of Lyrics/Packs/EnglishPack.cs plus extra-words.txt).
//
//   npm install --no-save cmu-pronouncing-dictionary@3.0.0      (in any scratch folder)
//   node src/Planner/Data/build-pronunciations.mjs <that folder>/node_modules/cmu-pronouncing-dictionary/index.js
//
// Run from the repository root. Words the dictionary lacks are listed on stderr and left out; the planner
// counts them by spelling rules, and a test fails while the pack uses any of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const dictionaryModule = process.argv[2];
if (!dictionaryModule) {
  console.error('usage: node build-pronunciations.mjs <path to cmu-pronouncing-dictionary/index.js>');
  process.exit(2);
}
const { dictionary } = await import(pathToFileURL(dictionaryModule).href);

const words = new Set();
const source = readFileSync(join(here, '..', 'Lyrics', 'Packs', 'EnglishPack.cs'), 'utf8');
for (const literal of source.matchAll(/"([^"\\]*)"/g)) {
  const text = literal[1].replace(/\{[A-Z]\}/g, ' ');
  for (const word of text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []) {
    words.add(word);
  }
}
for (const line of readFileSync(join(here, 'extra-words.txt'), 'utf8').split('\n')) {
  const word = line.trim().toLowerCase();
  if (word && !word.startsWith('#')) {
    words.add(word);
  }
}

const lines = ['# word ARPAbet-phonemes; subset of the CMU Pronouncing Dictionary (BSD-style licence), see docs/planner.md'];
const missing = [];
for (const word of [...words].sort()) {
  const phones = dictionary[word];
  if (phones) {
    lines.push(`${word} ${phones}`);
  } else {
    missing.push(word);
  }
}
writeFileSync(join(here, 'pronunciations.txt'), lines.join('\n') + '\n');
console.log(`${lines.length - 1} words written`);
if (missing.length > 0) {
  console.error(`not in the dictionary: ${missing.join(', ')}`);
}
