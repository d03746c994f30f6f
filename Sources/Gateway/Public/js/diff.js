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
  const lines = text.split('\n');
  const pairs = pairChanges(lines);
  lines.forEach((raw, i) => {
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
      const partner = pairs.get(i);
      const code = partner != null ? highlight(body, lines[partner].slice(1)) : [body || ' '];
      box.append(h('div', {
        class: `ln ${kind}${isFlagged ? ' flag-line' : ''}${partner != null ? ' paired' : ''}`,
        'aria-label': kind === 'add' ? `Added: ${body}` : kind === 'del' ? `Removed: ${body}` : null,
      }, h('span', { class: 'sign', 'aria-hidden': 'true' }, sign), h('span', { class: 'code' }, code)));
    }
  });
  return box;
}

/** Pairs each run of removed lines with the run of added lines right after it (same count). */
function pairChanges(lines) {
  const pairs = new Map();
  for (let i = 0; i < lines.length;) {
    if (!isDel(lines[i])) { i += 1; continue; }
    let j = i;
    while (j < lines.length && isDel(lines[j])) j += 1;
    let k = j;
    while (k < lines.length && isAdd(lines[k])) k += 1;
    if (k - j === j - i) {
      for (let n = 0; n < j - i; n += 1) { pairs.set(i + n, j + n); pairs.set(j + n, i + n); }
    }
    i = k > j ? k : j;
  }
  return pairs;
}
const isDel = (l) => l.startsWith('-') && !l.startsWith('---');
const isAdd = (l) => l.startsWith('+') && !l.startsWith('+++');

/** Marks the part of `line` that differs from `other` (common prefix and suffix stay plain). */
function highlight(line, other) {
  let p = 0;
  while (p < line.length && p < other.length && line[p] === other[p]) p += 1;
  let s = 0;
  while (s < line.length - p && s < other.length - p && line[line.length - 1 - s] === other[other.length - 1 - s]) s += 1;
  // Snap to word boundaries so the highlight reads as whole words.
  while (p > 0 && /\w/.test(line[p - 1])) p -= 1;
  while (s > 0 && /\w/.test(line[line.length - s])) s -= 1;
  const mid = line.slice(p, line.length - s);
  if (!mid) return [line || ' '];
  return [line.slice(0, p), h('span', { class: 'chg' }, mid), line.slice(line.length - s)];
}

/** The Markdown heading a diff's first change sits under ("Summary"), if the diff shows one. */
export function sectionOf(diff) {
  let heading = null;
  for (const l of String(diff || '').split('\n')) {
    if (l.startsWith('+++') || l.startsWith('---')) continue;
    const body = l.slice(1);
    const m = /^#{1,6}\s+(.+?)\s*#*$/.exec(body);
    if (m && (l[0] === ' ' || l[0] === '-')) heading = m[1];
    if ((isAdd(l) || isDel(l)) && !m) return heading;
  }
  return heading;
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
