// Renders analysis/gap.json as a readable report: score and its formula, what the resume
// supports (with the quoted evidence lines), what is missing, and the suggestions.
import { h } from './dom.js';

const CATEGORY = {
  skill: 'Skill', tool: 'Tool', language: 'Language', domain: 'Domain', years: 'Experience',
  degree: 'Education', certification: 'Certification', practice: 'Practice', soft: 'Soft skill',
};

function prio(p) {
  const must = p === 'must';
  return h('span', { class: `prio${must ? ' must' : ''}` }, must ? 'Must-have' : 'Nice-to-have');
}

/** Highlights `matched` (case-insensitive) inside `text`. */
function quote(text, matched) {
  const t = String(text || '');
  const m = String(matched || '').trim();
  if (!m) return [t];
  const i = t.toLowerCase().indexOf(m.toLowerCase());
  if (i < 0) return [t];
  return [t.slice(0, i), h('mark', {}, t.slice(i, i + m.length)), t.slice(i + m.length)];
}

function evidenceBlock(ev) {
  const where = [ev.section ? `${ev.section}` : null, Number.isFinite(ev.line) ? `line ${ev.line}` : null]
    .filter(Boolean).join(' · ');
  const kind = ev.kind && ev.kind !== 'exact' ? ` (${ev.kind})` : '';
  return h('blockquote', {}, quote(ev.text, ev.matched), h('cite', {}, `Your resume${where ? ` — ${where}` : ''}${kind}`));
}

function requirementItem(r) {
  const ev = Array.isArray(r.evidence) ? r.evidence : [];
  return h('li', { class: `req ${r.status}` },
    h('div', { class: 'req-head' },
      h('strong', {}, r.label || r.id),
      prio(r.priority),
      r.category ? h('span', { class: 'muted tiny' }, CATEGORY[r.category] || r.category) : null),
    ev.slice(0, 2).map(evidenceBlock),
    ev.length > 2 ? h('span', { class: 'muted tiny' }, `+ ${ev.length - 2} more line${ev.length - 2 === 1 ? '' : 's'}`) : null,
    r.note ? h('p', { class: 'note' }, r.note) : null);
}

export function renderGapReport(report) {
  const root = document.createDocumentFragment();
  const score = report.score || {};
  const reqs = Array.isArray(report.requirements) ? report.requirements : [];
  const supported = reqs.filter((r) => r.status === 'supported');
  const partial = reqs.filter((r) => r.status === 'partial');
  const missing = reqs.filter((r) => r.status === 'missing');
  const pct = Math.max(0, Math.min(100, Number(score.score) || 0));
  const must = score.must_have || {};
  const nice = score.nice_to_have || {};
  const exp = report.experience || {};

  const ring = h('div', { class: 'score-ring', role: 'img', 'aria-label': `Match score ${pct} out of 100` },
    h('div', {}, h('strong', {}, String(pct)), h('small', {}, 'of 100')));
  ring.style.setProperty('--p', String(pct));
  const verdict = pct >= 75 ? 'Strong match' : pct >= 50 ? 'Good partial match' : 'Significant gaps';
  root.append(h('section', { class: 'score-card', 'aria-labelledby': 'gap-score-title' },
    ring,
    h('div', { class: 'score-facts' },
      h('h3', { id: 'gap-score-title' }, `${verdict}`),
      h('p', {}, `Must-haves: ${must.supported ?? 0} supported, ${must.partial ?? 0} partial, ${must.missing ?? 0} missing.`),
      h('p', {}, `Nice-to-haves: ${nice.supported ?? 0} supported, ${nice.partial ?? 0} partial, ${nice.missing ?? 0} missing.`),
      Number.isFinite(exp.total_years) ? h('p', { class: 'muted small' }, `Experience read from your dates: ${exp.total_years} years${exp.stated_years ? ` (you state ${exp.stated_years})` : ''}.`) : null,
      h('details', { class: 'formula' },
        h('summary', {}, 'How this score is computed'),
        h('p', {}, score.formula || 'score = round(100 × earned weight ÷ total weight)'),
        Number.isFinite(score.earned_weight) && Number.isFinite(score.total_weight)
          ? h('p', {}, `This report: round(100 × ${score.earned_weight} ÷ ${score.total_weight}) = ${pct}.`) : null))));

  root.append(h('section', { 'aria-labelledby': 'gap-supported' },
    h('h3', { class: 'rsec', id: 'gap-supported' }, 'Supported by your resume', h('span', { class: 'badge ok' }, String(supported.length))),
    supported.length ? h('ul', { class: 'req-list' }, supported.map(requirementItem))
      : h('p', { class: 'muted small' }, 'No requirement is clearly supported yet.')));

  if (partial.length) {
    root.append(h('section', { 'aria-labelledby': 'gap-partial' },
      h('h3', { class: 'rsec', id: 'gap-partial' }, 'Related, not the same', h('span', { class: 'badge warn' }, String(partial.length))),
      h('ul', { class: 'req-list' }, partial.map(requirementItem))));
  }

  root.append(h('section', { 'aria-labelledby': 'gap-missing' },
    h('h3', { class: 'rsec', id: 'gap-missing' }, 'Missing from your resume', h('span', { class: 'badge err' }, String(missing.length))),
    missing.length
      ? h('ul', { class: 'missing-list' }, missing.map((r) => h('li', { title: r.jd_text || '' }, r.label || r.id,
        h('span', { class: 'prio' }, r.priority === 'must' ? '· must' : '· nice'))))
      : h('p', { class: 'muted small' }, 'Nothing the job asks for is missing.'),
    missing.length ? h('p', { class: 'hint' }, 'Add these only if they are true. The assistant will never claim them for you.') : null));

  const sugg = Array.isArray(report.suggestions) ? [...report.suggestions].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99)) : [];
  root.append(h('section', { 'aria-labelledby': 'gap-sugg' },
    h('h3', { class: 'rsec', id: 'gap-sugg' }, 'Suggestions'),
    sugg.length ? h('ol', { class: 'suggestions' }, sugg.map((s) => h('li', {}, s.message || String(s))))
      : h('p', { class: 'muted small' }, 'No suggestions.')));
  return root;
}
