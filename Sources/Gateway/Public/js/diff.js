// Renders a unified diff as coloured lines (added green, removed red, hunks tinted).
import { h } from './dom.js';

/** @param {string} diff unified diff text; @param {string[]} flagged claims to outline */
export function renderDiff(diff, flagged = []) {
  const box = document.createDocumentFragment();
  const text = (diff || '').replace(/\n$/, '');
  if (!text.trim()) {
    box.append(h('div', { class: 'meta' }, 'No textual change to show.'));
    return box;
  }
  const claims = flagged.map((c) => String(c || '').toLowerCase()).filter(Boolean);
  for (const raw of text.split('\n')) {
    if (raw.startsWith('+++') || raw.startsWith('---') || raw.startsWith('diff ') || raw.startsWith('index ')) {
      box.append(h('div', { class: 'meta' }, raw));
    } else if (raw.startsWith('@@')) {
      box.append(h('div', { class: 'hunk' }, raw));
    } else if (raw.startsWith('\\')) {
      box.append(h('div', { class: 'meta' }, raw));
    } else {
      const sign = raw[0] === '+' ? '+' : raw[0] === '-' ? '−' : ' ';
      const kind = raw[0] === '+' ? 'add' : raw[0] === '-' ? 'del' : 'ctx';
      const body = raw.length ? raw.slice(1) : '';
      const isFlagged = kind === 'add' && claims.some((c) => body.toLowerCase().includes(c));
      box.append(h('div', {
        class: `ln ${kind}${isFlagged ? ' flag-line' : ''}`,
        'aria-label': kind === 'add' ? `Added: ${body}` : kind === 'del' ? `Removed: ${body}` : null,
      }, h('span', { class: 'sign', 'aria-hidden': 'true' }, sign), h('span', { class: 'code' }, body || ' ')));
    }
  }
  return box;
}

/** Counts added/removed lines of a unified diff. */
export function diffStats(diff) {
  let add = 0; let del = 0;
  for (const l of (diff || '').split('\n')) {
    if (l.startsWith('+') && !l.startsWith('+++')) add += 1;
    else if (l.startsWith('-') && !l.startsWith('---')) del += 1;
  }
  return { add, del };
}
