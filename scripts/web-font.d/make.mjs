// Makes the web build's Hangul font (see scripts/web-font): NanumGothic cut down to
// Latin, punctuation, Hangul jamo, the 11,172 Hangul syllables and every character of
// the given text files (the built-in dataset: its few Hanja, such as 北京), without the
// other Hanja, which are most of its size; then renamed: NanumGothic's licence (SIL OFL
// 1.1) reserves its name, so a modified version must not carry it.
//
//   node make.mjs IN.ttf OUT.ttf [TEXT_FILE...]
import fs from 'node:fs';
import subsetFont from 'subset-font';

const [input, output, ...texts] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node make.mjs IN.ttf OUT.ttf');
  process.exit(2);
}

// What the subset keeps, as Unicode ranges.
const RANGES = [
  [0x0020, 0x007e], // ASCII
  [0x00a0, 0x024f], // Latin-1 and Latin Extended-A/B
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2000, 0x206f], // General Punctuation
  [0x3000, 0x303f], // CJK Symbols and Punctuation
  [0x3130, 0x318f], // Hangul Compatibility Jamo
  [0xac00, 0xd7a3], // Hangul Syllables
  [0xff00, 0xffef], // Halfwidth and Fullwidth Forms
];
let text = '';
for (const [first, last] of RANGES) {
  for (let c = first; c <= last; c++) text += String.fromCodePoint(c);
}
for (const file of texts) text += fs.readFileSync(file, 'utf8');

const FAMILY = 'WPK Hangul';
const NAMES = new Map([
  [0, 'Copyright (c) 2010, NAVER Corporation (http://www.nhncorp.com). Subset and renamed by wpk-timeline (scripts/web-font), as the SIL Open Font License 1.1 asks of a modified version; the original is NanumGothic.'],
  [1, FAMILY],
  [2, 'Regular'],
  [3, `${FAMILY} Regular; wpk-timeline web subset`],
  [4, `${FAMILY} Regular`],
  [5, 'Version 1.0'],
  [6, 'WPKHangul-Regular'],
  [13, 'This Font Software is licensed under the SIL Open Font License, Version 1.1.'],
  [14, 'https://openfontlicense.org'],
]);

/** A `name` table (format 0) with the records above, Windows Unicode BMP, US English. */
function nameTable() {
  const records = [...NAMES].sort((a, b) => a[0] - b[0]);
  const strings = records.map(([, s]) => {
    const b = Buffer.alloc(s.length * 2);
    for (let i = 0; i < s.length; i++) b.writeUInt16BE(s.charCodeAt(i), i * 2);
    return b;
  });
  const header = 6 + 12 * records.length;
  const table = Buffer.alloc(header + strings.reduce((n, b) => n + b.length, 0));
  table.writeUInt16BE(0, 0);
  table.writeUInt16BE(records.length, 2);
  table.writeUInt16BE(header, 4);
  let offset = 0;
  records.forEach(([id], i) => {
    const at = 6 + 12 * i;
    table.writeUInt16BE(3, at); // platform: Windows
    table.writeUInt16BE(1, at + 2); // encoding: Unicode BMP
    table.writeUInt16BE(0x409, at + 4); // language: English (US)
    table.writeUInt16BE(id, at + 6);
    table.writeUInt16BE(strings[i].length, at + 8);
    table.writeUInt16BE(offset, at + 10);
    strings[i].copy(table, header + offset);
    offset += strings[i].length;
  });
  return table;
}

function checksum(buffer) {
  const padded = Buffer.alloc((buffer.length + 3) & ~3);
  buffer.copy(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** The font `sfnt` with its table `tag` replaced by `data`, checksums made anew. */
function replaceTable(sfnt, tag, data) {
  const count = sfnt.readUInt16BE(4);
  const tables = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const t = sfnt.toString('latin1', at, at + 4);
    const offset = sfnt.readUInt32BE(at + 8);
    const length = sfnt.readUInt32BE(at + 12);
    tables.push({ tag: t, data: t === tag ? data : Buffer.from(sfnt.subarray(offset, offset + length)) });
  }
  if (!tables.some((t) => t.tag === tag)) throw new Error(`no ${tag} table`);
  const head = tables.find((t) => t.tag === 'head');
  head.data.writeUInt32BE(0, 8); // checkSumAdjustment, recomputed below
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const directory = 12 + 16 * tables.length;
  let size = directory;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  sfnt.copy(out, 0, 0, 12); // sfnt version and the search fields (same table count)
  let offset = directory;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(checksum(t.data), at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  const headAt = out.readUInt32BE(12 + 16 * tables.findIndex((t) => t.tag === 'head') + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}

const subset = Buffer.from(await subsetFont(fs.readFileSync(input), text, { targetFormat: 'truetype' }));
fs.writeFileSync(output, replaceTable(subset, 'name', nameTable()));
console.log(`web-font: ${output}: ${fs.statSync(output).size} bytes`);
