import type { LanguageModule } from './types';

const UMLAUT_SPELLINGS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** German as written in Switzerland ("ss", never "ß"), with Swiss German chat words among the stop words. */
const UNITS = ['', 'ein', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun'];
const TEENS = [
  'zehn',
  'elf',
  'zwolf',
  'dreizehn',
  'vierzehn',
  'funfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
];
const TENS = ['', '', 'zwanzig', 'dreissig', 'vierzig'];

export const de: LanguageModule = {
  code: 'de',
  stemmer: 'german',
  stopWords: `
    a aber als also am andere anderen auch bei beim bin bis bist
    bitte da dafur damit dann darf das dass dem den denen der des dessen dich die dies diese diesem diesen dieser
    dir doch dort du durch ein eine einem einen einer eines einfach er es etwas euch euer fur gibt gibts habe haben
    hat hatte hallo hier hoi gruezi gruessech ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja je jetzt
    kann kannst konnen konnte konnten man mein meine meinem meinen meiner mich mir mit mochte mochten muss mussen
    nach noch nun nur ob oder sehr sein seine sich sie sind so soll sollte uber um und uns unser unter
    vom von vor war waren was weil welche welcher welches wenn wer werde werden wie wieso wird wo woher wohin
    wurde wurden zu zum zur danke merci eigentlich mal gerne gern bzw usw etc bitteschon guten tag morgen abend
    grusse freundlichen
    i mi mir min mini dr d s isch han hani cha chan chasch wie wo was wott wetti wotti es em bim
    vo mues muess si gaht git gits het hesch hend de dä e en ech öich mer sie chani mis dis öppis
  `,
  particles: [
    'ab',
    'an',
    'auf',
    'aus',
    'ein',
    'zu',
    'zurück',
    'weg',
    'mit',
    'herunter',
    'runter',
    'hoch',
    'um',
    'los',
    'vor',
    'nach',
  ],
  clauseLeaders: [
    'wie',
    'wo',
    'was',
    'wann',
    'warum',
    'wieso',
    'weshalb',
    'wer',
    'woher',
    'wohin',
    'ich',
    'du',
    'er',
    'sie',
    'es',
    'wir',
    'ihr',
    'man',
    'und',
    'aber',
    'oder',
    'dann',
    'also',
    'jetzt',
    'hallo',
    'bitte',
    'i',
    'mer',
  ],
  clauseBreaks: ['weil', 'denn', 'sonst', 'aber', 'wil', 'susch'],
  negations: [
    'kein',
    'keine',
    'keinen',
    'keinem',
    'keiner',
    'keines',
    'nicht',
    'nie',
    'niemals',
    'nichts',
    'ohne',
    'nid',
    'nöd',
    'ned',
    'nüt',
    'kei',
  ],
  numberWords: {
    ein: 1,
    eine: 1,
    einem: 1,
    einen: 1,
    zwei: 2,
    drei: 3,
    vier: 4,
    funf: 5,
    sechs: 6,
    sieben: 7,
    acht: 8,
    neun: 9,
    zehn: 10,
    zwolf: 12,
    zwanzig: 20,
  },
  spellYear: (year) => {
    const n = year - 2000;
    if (n < 0 || n >= 50) return undefined;
    const rest =
      n === 1
        ? 'eins'
        : n < 10
          ? UNITS[n]
          : n < 20
            ? TEENS[n - 10]
            : `${n % 10 ? `${UNITS[n % 10]}und` : ''}${TENS[Math.floor(n / 10)]}`;
    return `zweitausend${rest}`;
  },
  spellings: (word) => (/[äöü]/.test(word) ? [word.replace(/[äöü]/g, (u) => UMLAUT_SPELLINGS[u])] : []),
};
