/**
 * Month abbreviations `ls` prints under the locales FTP servers run with in practice.
 * Servers started from a localized shell send these untranslated, so the client has to know them.
 * Keys are lower case without a trailing dot ("janv." and "Mär" both appear in the wild).
 * One row per month, January first: English, German, French, Spanish, Italian, Dutch, Swedish,
 * Portuguese, Polish and Russian spellings.
 */
const NAMES: readonly string[] = [
  'jan january jän jänner januar janv janvier ene enero gen gennaio januari sty янв января январь',
  'feb february februar févr fevr fév février febrero febbraio februari fev lut фев февраля февраль',
  'mar march mär mrz märz mars marzo mrt maart мар марта март',
  'apr april avr avril abr abril aprile kwi апр апреля апрель',
  'may mai mayo mag maggio mei maj май мая',
  'jun june juni juin junio giu giugno cze июн июня июнь',
  'jul july juli juil juillet julio lug luglio lip июл июля июль',
  'aug august août aout ago agosto augustus sie авг августа август',
  'sep sept september septembre septiembre set settembre wrz сен сент сентября сентябрь',
  'oct october okt oktober octobre octubre ott ottobre out paź окт октября октябрь',
  'nov november novembre noviembre lis ноя нояб ноября ноябрь',
  'dec december dez dezember déc décembre dic diciembre dicembre gru дек декабря декабрь',
];

const MONTHS = new Map<string, number>();
for (const [index, names] of NAMES.entries()) {
  const month = index + 1;
  for (const name of names.split(' ')) {
    MONTHS.set(name, month);
    // Precomposed and decomposed accents both occur depending on the server's libc.
    MONTHS.set(name.normalize('NFD'), month);
  }
}
for (let month = 1; month <= 12; month++) MONTHS.set(`${month}月`, month);

/** Three ASCII letters packed into a number: the common case looked up without allocating a string. */
const ASCII3 = new Map<number, number>();
for (const [name, month] of MONTHS) {
  if (name.length === 3 && /^[a-z]{3}$/.test(name)) {
    ASCII3.set(pack(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2)), month);
  }
}

function pack(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}

/** Like `monthFromName(line.slice(start, end))`, without the slice for plain 3-letter abbreviations. */
export function monthAt(line: string, start: number, end: number): number {
  if (end - start === 3) {
    const a = line.charCodeAt(start) | 0x20;
    const b = line.charCodeAt(start + 1) | 0x20;
    const c = line.charCodeAt(start + 2) | 0x20;
    if (a < 128 && b < 128 && c < 128) return ASCII3.get(pack(a, b, c)) ?? 0;
  }
  return monthFromName(line.slice(start, end));
}

/** 1..12 for a month name or abbreviation in any known language, 0 when it is not one. */
export function monthFromName(token: string): number {
  if (token.length < 2 || token.length > 12) return 0;
  let key = token.toLowerCase();
  if (key.endsWith('.') || key.endsWith(',')) key = key.slice(0, -1);
  return MONTHS.get(key) ?? 0;
}
