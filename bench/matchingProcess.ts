import { loadFaq } from '../src/faq/loader';
import { matchingQueries, measureMatching } from './matching';

/**
 * One FAQ's matching figures in a process of its own, so that its memory is its own:
 * node --expose-gc --import tsx bench/matchingProcess.ts LABEL FAQ_DIR MIN_MS → one JSON line.
 */
const [label, faqDir, minMs] = process.argv.slice(2);
const faq = loadFaq(faqDir);
console.log(JSON.stringify(measureMatching(label, faq, matchingQueries(faq), Number(minMs))));
