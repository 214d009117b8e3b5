import type { LanguageModule } from './types';

export const it: LanguageModule = {
  code: 'it',
  stemmer: 'italian',
  stopWords: `
    a ad agli ai al alla alle allo anche avere c ce che chi ci ciao come con cosa d da dal dalla dalle dei del
    della delle dello deve devo di e ecco gli ha hanno ho i il in io l la le lei li lo ma mi mia mie miei mio ne
    nel nella nelle noi o per perche piu posso puo puoi qual quale quali quando questa questo qui
    se sei si sia sono su sua sue sui sul sulla suo suoi ti tra tu un una uno vi voi vorrei grazie buongiorno
    buonasera salve salute prego per favore
  `,
  particles: [],
  clauseLeaders: [],
  negations: ['non', 'nessun', 'nessuno', 'nessuna', 'mai', 'niente', 'nulla', 'senza', 'né'],
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
  spellings: () => [],
};
