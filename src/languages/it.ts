import type { LanguageModule } from './types';

const BELOW_TWENTY = [
  '',
  'uno',
  'due',
  'tre',
  'quattro',
  'cinque',
  'sei',
  'sette',
  'otto',
  'nove',
  'dieci',
  'undici',
  'dodici',
  'tredici',
  'quattordici',
  'quindici',
  'sedici',
  'diciassette',
  'diciotto',
  'diciannove',
];
const TENS = ['', '', 'venti', 'trenta', 'quaranta'];

export const it: LanguageModule = {
  code: 'it',
  stemmer: 'italian',
  stopWords: `
    a ad agli ai al alla alle allo anche avere c ce che chi ci ciao come con cosa d da dal dalla dalle dei del
    della delle dello deve devo di e ecco gli ha hanno ho i il in io l la le lei li lo ma mi mia mie miei mio ne
    nel nella nelle noi o per perche piu posso puo puoi qual quale quali quando questa questo qui
    se sei si sia sono su sua sue sui sul sulla suo suoi ti tra tu un una uno vi voi vorrei grazie buongiorno
    buonasera salve salute prego per favore
    me te ce ve glie potete possiamo possono potrei potrebbe potresti dovrei devi dobbiamo devono
    hai abbiamo avete era sara siamo siete stato stata
  `,
  particles: [],
  clauseLeaders: [],
  clauseBreaks: ['che', 'perche', 'poiche', 'siccome', 'ma', 'altrimenti'],
  negations: ['non', 'nn', 'nessun', 'nessuno', 'nessuna', 'mai', 'niente', 'nulla', 'senza', 'né'],
  numberWords: {
    un: 1,
    uno: 1,
    due: 2,
    tre: 3,
    quattro: 4,
    cinque: 5,
    sei: 6,
    sette: 7,
    otto: 8,
    nove: 9,
    dieci: 10,
    dodici: 12,
    venti: 20,
  },
  spellYear: (year) => {
    const n = year - 2000;
    if (n < 0 || n >= 50) return undefined;
    const unit = n % 10;
    // "ventuno", "ventotto": the tens lose their vowel before "uno" and "otto".
    const tens = TENS[Math.floor(n / 10)]!;
    const rest =
      n < 20
        ? BELOW_TWENTY[n]
        : `${unit === 1 || unit === 8 ? tens.slice(0, -1) : tens}${BELOW_TWENTY[unit]}`;
    return `duemila${rest}`;
  },
  spellings: () => [],
  /**
   * Italian formal address writes its courtesy forms with a capital ("Le serve", "il Suo numero", "da Lei"),
   * as the FAQ answers and UI strings do. Flagged in lower case: "lei" and the possessives, which in this
   * content only ever address the reader, and "le" only where it cannot be the article: before a verb the
   * bot uses with it (an article is never followed by "ho", "è" or "serve").
   */
  lowercaseCourtesy: new RegExp(
    String.raw`(?<![\p{L}’'])(?:lei|sua|suo|suoi|sue|le(?=\s+(?:` +
      [
        'ho|ha|abbiamo|hanno|è|sarà|sono|verrà|verranno|viene|vengono',
        'serve|servono|servirà|occorre|occorrono|basta|bastano|conviene|resta|restano|rimane|rimangono',
        'arriva|arrivano|arriverà|arriveranno|invio|inviamo|invieremo|indico|rispondo|risponderò',
        'chiedo|chiediamo|consiglio|consigliamo|raccomandiamo|ricordo|ricordiamo|mostro|spiego|propongo',
        'mando|manderemo|scrivo|scriveremo|auguro|auguriamo|offriamo|permette|consente|appare|appariranno',
      ].join('|') +
      String.raw`)(?![\p{L}])))(?![\p{L}])`,
    'gu',
  ),
};
