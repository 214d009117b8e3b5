import { LANGUAGES } from '../language';
import { OUTCOMES, type Outcome } from './events';
import { outcomeRates, periodOf, type InsightReport } from './report';

const OUTCOME_STYLE: Record<Outcome, { label: string; color: string }> = {
  answer: { label: 'answered', color: '#2e7d32' },
  ambiguous: { label: 'did you mean', color: '#f9a825' },
  fallback: { label: 'no answer', color: '#c62828' },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** One stacked bar per language: the share of each outcome. Inline SVG, so the page needs nothing else. */
function outcomeChart(report: InsightReport): string {
  const [labelWidth, barWidth, rowHeight, top] = [40, 520, 34, 30];
  const rows = LANGUAGES.map((lang, row) => {
    const rates = outcomeRates(report.byLanguage[lang]);
    const y = top + row * rowHeight;
    let x = labelWidth;
    const segments = OUTCOMES.map((o) => {
      const width = rates[o] * barWidth;
      const label =
        width >= 36
          ? `<text x="${x + width / 2}" y="${y + 17}" text-anchor="middle" fill="#fff">${percent(rates[o])}</text>`
          : '';
      const rect = `<rect x="${x}" y="${y}" width="${width}" height="24" fill="${OUTCOME_STYLE[o].color}"><title>${lang} ${OUTCOME_STYLE[o].label}: ${percent(rates[o])} (${report.byLanguage[lang][o]})</title></rect>${label}`;
      x += width;
      return rect;
    }).join('');
    const empty = OUTCOMES.every((o) => report.byLanguage[lang][o] === 0)
      ? `<text x="${labelWidth + 6}" y="${y + 17}" fill="#666">no questions</text>`
      : '';
    return `<text x="0" y="${y + 17}">${lang}</text>${segments}${empty}`;
  });
  const legend = OUTCOMES.map(
    (o, i) =>
      `<rect x="${labelWidth + i * 150}" y="4" width="12" height="12" fill="${OUTCOME_STYLE[o].color}"/><text x="${labelWidth + i * 150 + 18}" y="15">${OUTCOME_STYLE[o].label}</text>`,
  ).join('');
  const height = top + LANGUAGES.length * rowHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Outcome rates per language" width="${labelWidth + barWidth}" height="${height}" font-family="sans-serif" font-size="13">${legend}${rows.join('')}</svg>`;
}

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p>${empty}</p>`;
  const head = headers.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The report as one self-contained HTML page (no scripts, styles or images from elsewhere). */
export function renderReportHtml(report: InsightReport, limit = 50): string {
  const rateRows = LANGUAGES.map((lang) => {
    const counts = report.byLanguage[lang];
    const rates = outcomeRates(counts);
    const total = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
    return [lang, String(total), ...OUTCOMES.map((o) => `${percent(rates[o])} (${counts[o]})`)];
  });
  const unansweredRows = report.unanswered
    .slice(0, limit)
    .map((g) => [
      String(g.count),
      g.lang,
      escapeHtml(g.text) +
        (g.variants.length ? `<br><small>also: ${g.variants.map(escapeHtml).join(' · ')}</small>` : ''),
      `${g.ambiguous} / ${g.fallback}`,
      escapeHtml(g.candidates.join(', ')),
    ]);
  const feedbackRows = report.feedback
    .filter((f) => f.notHelpful > 0)
    .slice(0, limit)
    .map((f) => [escapeHtml(f.entryId), String(f.notHelpful), String(f.helpful)]);
  const supportRows = report.supportRequests.entries
    .slice(0, limit)
    .map((e) => [escapeHtml(e.entryId), String(e.requests)]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>FAQ report</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 60em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
small { color: #555; }
</style>
</head>
<body>
<h1>FAQ report</h1>
<p>${report.questions} questions ${escapeHtml(periodOf(report))}.${report.unreadable ? ` ${report.unreadable} unreadable record(s) skipped.` : ''}${report.source ? ` Records: ${escapeHtml(report.source)}.` : ''}</p>
<h2>Outcomes per language</h2>
${outcomeChart(report)}
${table(['language', 'questions', ...OUTCOMES.map((o) => OUTCOME_STYLE[o].label)], rateRows, 'No questions.')}
<h2>Most frequent unanswered questions</h2>
<p>Add them as alternates of the entry that answers them, or write a new entry.</p>
${table(['count', 'language', 'question', 'did you mean / no answer', 'closest entries'], unansweredRows, 'None.')}
<h2>Answers rated "not helpful"</h2>
${table(['entry', 'no', 'yes'], feedbackRows, 'None.')}
<h2>Entries seen before a support request</h2>
<p>${report.supportRequests.total} support request(s). The answer may not solve the case.</p>
${table(['entry', 'requests'], supportRows, 'None.')}
</body>
</html>
`;
}
