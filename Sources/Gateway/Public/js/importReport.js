// Renders analysis/import.json — how the import of the resume went — in plain words: how sure we
// are overall and per section, the columns found on each page, pages left out (a cover letter),
// text we could not place for sure, and every warning. A low-confidence import says so first.
import { h } from './dom.js';

const FORMAT = { pdf: 'PDF', docx: 'Word document (DOCX)', markdown: 'Markdown', text: 'plain text' };
const HIGH = 0.85;

/** A person's name for an import format. */
export const formatName = (format) => FORMAT[format] || String(format || 'file');

const pct = (x) => `${Math.round(Math.max(0, Math.min(1, Number(x) || 0)) * 100)}%`;

/** 'high' | 'medium' | 'low': the server's own flag decides low. */
export function confidenceLevel(report) {
  if (report.low_confidence) return 'low';
  return Number(report.confidence) >= HIGH ? 'high' : 'medium';
}

const HEADLINE = {
  high: 'We read this resume with confidence',
  medium: 'We read most of this resume; please check it',
  low: 'We are not sure we read this resume correctly',
};

const pages = (list) => (list.length === 1 ? `page ${list[0]}` : `pages ${list.join(', ')}`);
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function summary(report) {
  const level = confidenceLevel(report);
  const figure = h('div', { class: 'conf-figure', 'aria-hidden': 'true' }, h('strong', {}, pct(report.confidence)), h('span', {}, 'confidence'));
  const lowWarning = (report.warnings || []).find((w) => w.code === 'low_confidence');
  return h('div', { class: `import-summary level-${level}` },
    figure,
    h('div', { class: 'import-summary-text' },
      h('h3', { id: 'import-headline' }, HEADLINE[level]),
      h('p', {}, `Overall confidence: ${pct(report.confidence)}.`),
      level === 'low'
        ? h('p', { class: 'import-low', role: 'alert' }, lowWarning?.message
          || 'Compare the text with your original, and fix it before going on: the analysis and every rewrite build on it.')
        : h('p', { class: 'muted small' }, 'Compare the text with your original before going on.')),
    facts(report));
}

function facts(report) {
  const items = [];
  const count = Number(report.page_count);
  items.push(['File', `${capital(formatName(report.format))}${count ? `, ${count} page${count === 1 ? '' : 's'}` : ''}`]);
  const columns = Array.isArray(report.columns) ? report.columns : [];
  if (columns.length) {
    items.push(['Columns', columns.map((c) => `page ${c.page}: ${c.columns === 1 ? 'one column' : `${c.columns} columns side by side`}`).join('; ')]);
  }
  const excluded = Array.isArray(report.excluded_pages) ? report.excluded_pages : [];
  items.push(['Left out', excluded.length ? `${capital(pages(excluded))}: a separate document (such as a cover letter)` : 'Nothing']);
  return h('dl', { class: 'import-facts' }, items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function warnings(report) {
  const list = (report.warnings || []).filter((w) => w.code !== 'low_confidence');
  return h('section', { class: `import-warnings${list.length ? ' has-warnings' : ''}`, 'aria-labelledby': 'import-warnings-title' },
    h('h3', { id: 'import-warnings-title' }, 'Things to check', h('span', { class: `badge ${list.length ? 'warn' : 'ok'}` }, String(list.length))),
    list.length
      ? h('ul', {}, list.map((w) => h('li', { dataset: { code: w.code || '' } }, w.message)))
      : h('p', { class: 'muted small' }, 'Nothing in particular.'));
}

function sections(report) {
  const rows = Array.isArray(report.sections) ? report.sections : [];
  if (!rows.length) return h('p', { class: 'muted small import-none' }, 'No sections were recognised.');
  const unsure = rows.filter((s) => Number(s.confidence) < 1).length;
  const weak = rows.some((s) => Number(s.confidence) < 0.6);
  return h('details', { class: 'import-more', open: weak || report.low_confidence },
    h('summary', {}, `Confidence per section (${rows.length}${unsure ? `, ${unsure} not fully sure` : ''})`),
    h('table', { class: 'import-sections' },
      h('caption', { class: 'visually-hidden' }, 'Confidence per section'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Section'), h('th', { scope: 'col' }, 'Confidence'), h('th', { scope: 'col' }, 'Why not fully sure'))),
      h('tbody', {}, rows.map((s) => {
        const low = Number(s.confidence) < 0.6;
        return h('tr', { class: low ? 'low' : '' },
          h('th', { scope: 'row' }, s.title || s.kind || '—'),
          h('td', {}, h('span', { class: `badge ${low ? 'err' : Number(s.confidence) >= HIGH ? 'ok' : 'warn'}` }, pct(s.confidence))),
          h('td', {}, (s.notes || []).length ? (s.notes || []).join(' ') : h('span', { class: 'muted' }, '—')));
      }))));
}

function unplaced(report) {
  const blocks = Array.isArray(report.unplaced_blocks) ? report.unplaced_blocks : [];
  if (!blocks.length) return null;
  return h('details', { class: 'import-more import-unplaced' },
    h('summary', {}, `Text we could not place for sure (${blocks.length})`),
    h('ul', {}, blocks.map((b) => h('li', {},
      h('q', {}, b.text),
      h('span', { class: 'muted small' }, ` — ${b.page > 0 ? `page ${b.page}, ` : ''}${b.reason || 'not placed'}`)))));
}

/** The report as a fragment, for the review panel. */
export function renderImportReport(report) {
  return h('div', { class: 'import-report' },
    summary(report),
    warnings(report),
    h('div', { class: 'import-details' }, sections(report), unplaced(report)));
}
