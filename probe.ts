import { FaqIndex } from './src/faq/faqIndex';
import { loadFaq } from './src/faq/loader';
import type { Language } from './src/language';
const index = new FaqIndex(loadFaq('faq'));
const qs: Array<[Language, string]> = process.argv.slice(2).map((a) => [a.slice(0, 2) as Language, a.slice(3)]);
for (const [lang, q] of qs) {
  const o = index.matchQuestion(q, lang);
  console.log(lang, JSON.stringify(q), o.kind, o.kind === 'answer' ? o.id : '', o.candidates.map((c) => `${c.id}:${c.score.toFixed(3)}`).join(' '));
}
