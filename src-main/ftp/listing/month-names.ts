/**
 * Month abbreviations `ls` prints under the locales FTP servers run with in practice.
 * Servers started from a localized shell send these untranslated, so the client has to know them.
 * Keys are lower case without a trailing dot ("janv." and "Mär" both appear in the wild).
 */
const NAMES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [
    1,
    [
      'jan',
      'january',
      'janv',
      'janvier',
      'jän',
      'jänner',
      'januar',
      'ene',
      'enero',
      'gen',
      'gennaio',
      'januari',
      'sty',
      'янв',
      'января',
      'январь',
    ],
  ],
  [
    2,
    [
      'feb',
      'february',
      'févr',
      'fevr',
      'fév',
      'février',
      'februar',
      'febrero',
      'febbraio',
      'februari',
      'fev',
      'lut',
      'фев',
      'февраля',
      'февраль',
    ],
  ],
  [
    3,
    ['mar', 'march', 'mär', 'mrz', 'märz', 'mars', 'marzo', 'mrt', 'maart', 'mars', 'мар', 'марта', 'март'],
  ],
  [4, ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'kwi', 'апр', 'апреля', 'апрель']],
  [5, ['may', 'mai', 'mayo', 'mag', 'maggio', 'mei', 'maj', 'май', 'мая']],
  [6, ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno', 'cze', 'июн', 'июня', 'июнь']],
  [7, ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio', 'lip', 'июл', 'июля', 'июль']],
  [8, ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus', 'sie', 'авг', 'августа', 'август']],
  [
    9,
    [
      'sep',
      'sept',
      'september',
      'septembre',
      'septiembre',
      'set',
      'settembre',
      'wrz',
      'сен',
      'сент',
      'сентября',
      'сентябрь',
    ],
  ],
  [
    10,
    [
      'oct',
      'october',
      'octobre',
      'okt',
      'oktober',
      'octubre',
      'ott',
      'ottobre',
      'out',
      'paź',
      'окт',
      'октября',
      'октябрь',
    ],
  ],
  [11, ['nov', 'november', 'novembre', 'noviembre', 'lis', 'ноя', 'нояб', 'ноября', 'ноябрь']],
  [
    12,
    [
      'dec',
      'december',
      'déc',
      'décembre',
      'dez',
      'dezember',
      'dic',
      'diciembre',
      'dicembre',
      'gru',
      'дек',
      'декабря',
      'декабрь',
    ],
  ],
];

const MONTHS = new Map<string, number>();
for (const [month, names] of NAMES) {
  for (const name of names) {
    MONTHS.set(name, month);
    // Precomposed and decomposed accents both occur depending on the server's libc.
    MONTHS.set(name.normalize('NFD'), month);
  }
}
for (let month = 1; month <= 12; month++) MONTHS.set(`${month}月`, month);

/** 1..12 for a month name or abbreviation in any known language, 0 when it is not one. */
export function monthFromName(token: string): number {
  if (token.length < 2 || token.length > 12) return 0;
  let key = token.toLowerCase();
  if (key.endsWith('.') || key.endsWith(',')) key = key.slice(0, -1);
  return MONTHS.get(key) ?? 0;
}
