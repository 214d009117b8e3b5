import type { LanguageModule } from './types';

const BELOW_TWENTY = [
  '',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dixsept',
  'dixhuit',
  'dixneuf',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante'];

export const fr: LanguageModule = {
  code: 'fr',
  stemmer: 'french',
  stopWords: `
    a ai aie as au aux avec avez avoir bonjour bonsoir ca ce ceci cela celle celles celui ces cet cette chez comment
    d dans de des deja dois doit donc du elle elles en est et etre eu faire fait il ils j je l la le les leur leurs
    lui m ma mais me merci mes moi mon n nos notre nous on ont ou par peut peux plus pour pourquoi
    pouvez qu quand que quel quelle quelles quels qui s sa salut se ses si son sont sur svp t ta te tes toi
    ton tu un une vos votre vous y est-ce etes suis sais voudrais veux voulez aimerais j'ai bien alors
    c soit
  `,
  particles: [],
  clauseLeaders: [],
  clauseBreaks: ['car', 'parce', 'puisque', 'mais', 'sinon'],
  invertedSubjects: ['il', 'elle', 'on', 'ils', 'elles', 'ce'],
  negations: ['ne', 'n', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'personne'],
  numberWords: {
    un: 1,
    deux: 2,
    trois: 3,
    quatre: 4,
    cinq: 5,
    six: 6,
    sept: 7,
    huit: 8,
    neuf: 9,
    dix: 10,
    douze: 12,
    vingt: 20,
  },
  spellYear: (year) => {
    const n = year - 2000;
    if (n < 0 || n >= 50) return undefined;
    const unit = n % 10;
    const rest =
      n < 20 ? BELOW_TWENTY[n] : `${TENS[Math.floor(n / 10)]}${unit === 1 ? 'etun' : BELOW_TWENTY[unit]}`;
    return `deuxmille${rest}`;
  },
  spellings: () => [],
};
