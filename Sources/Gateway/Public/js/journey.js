// The guided steps in the sidebar. Each step names the workflow action it performs
// (`data-action`); whether it is done, next or locked comes from the server's workflow: done when
// the session is at or past the state the action leads to, next when it is the first step whose
// action is allowed now, locked otherwise. The words (what to do next, how to redo a step) are
// the page's own and sit on the steps in index.html. While the import waits for the person to
// check it, step 1 stays the current one and the later steps wait for it.
import { $, $$, h } from './dom.js';
import { on, page } from './state.js';
import { allows, journeyEnd, journeyIndex, targetOf } from './workflow.js';

const expanded = new Set(); // actions of done steps the person opened again

/** Closes every re-opened step (a new session). */
export function resetJourney() {
  expanded.clear();
}

/** Folds a done step away again (after it was redone). */
export function collapseStep(action) {
  expanded.delete(action);
}

function stepModel(state) {
  const at = journeyIndex(state);
  const steps = $$('#steps .step').map((li, i) => {
    const action = li.dataset.action;
    const held = page.reviewPending && 'review' in li.dataset;
    const done = at >= 0 && at >= journeyIndex(targetOf(action)) && !held;
    return { li, action, n: i + 1, done, held, allowed: allows(action, state) };
  });
  const current = steps.find((s) => !s.done && s.allowed) || null;
  return { at, steps, current };
}

/** Draws the steps for `state`. */
export function renderJourney(state) {
  const { at, steps, current } = stepModel(state);
  const list = $('#steps');
  $('#state-line').textContent = current ? (current.held ? current.li.dataset.review : current.li.dataset.next)
    : state === journeyEnd() ? list.dataset.done : at < 0 ? list.dataset.closed : '';
  const last = steps[steps.length - 1];
  for (const s of steps) {
    const { li, n, done } = s;
    const isCurrent = s === current;
    const locked = !done && !isCurrent;
    li.classList.toggle('done', done);
    li.classList.toggle('current', isCurrent);
    li.classList.toggle('locked', locked);
    li.classList.toggle('collapsed', done && s !== last && !expanded.has(s.action));
    if (isCurrent) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    const status = li.querySelector('.step-status');
    status.textContent = done ? 'Done' : isCurrent ? (s.held ? 'Check' : 'Next') : '';
    // A done step shows a check mark; screen readers hear "Done" instead.
    status.classList.toggle('visually-hidden', done && s !== last);
    renderToggle(s, done && s !== last);
    let hint = li.querySelector('.step-locked-hint');
    if (locked && at >= 0) {
      if (!hint) { hint = h('p', { class: 'hint step-locked-hint' }); li.append(hint); }
      hint.textContent = `Available after step ${n - 1}.`;
    } else {
      hint?.remove();
    }
  }
}

/** The "Replace" / "Hide" button of a done step, which opens it to redo it. */
function renderToggle({ li, action }, show) {
  let toggle = li.querySelector('.step-toggle');
  if (!show) { toggle?.remove(); return; }
  if (!toggle) {
    toggle = h('button', { type: 'button', class: 'step-toggle' });
    toggle.addEventListener('click', () => {
      if (expanded.has(action)) expanded.delete(action); else expanded.add(action);
      renderJourney(page.state);
      if (expanded.has(action)) li.querySelector('.step-body button, .step-body textarea, .step-body input')?.focus();
    });
    li.querySelector('.step-head').append(toggle);
  }
  const open = expanded.has(action);
  toggle.textContent = open ? 'Hide' : li.dataset.again;
  toggle.setAttribute('aria-expanded', String(open));
}

on('state', (p) => {
  $('#app').dataset.state = p.state;
  renderJourney(p.state);
});
on('review', (p) => { if (p.state) renderJourney(p.state); });
