// Which step controls can be used now. A control names the workflow action it performs
// (`data-requires`); it is enabled when the server's workflow allows that action from the
// session's state, it is not busy with its own request, and — for those marked `data-idle` —
// no run is active. While an import waits for the person to check it (step 1's review), only
// the actions of that step are open: going on waits until they confirmed or fixed the text.
import { $$ } from './dom.js';
import { on, page } from './state.js';
import { allows } from './workflow.js';

const busy = new Set();
/** What can be done while the import waits to be checked: redo it, correct it, or give up. */
const DURING_REVIEW = new Set(['upload_resume', 'correct_resume', 'cancel']);

/** Marks a control busy (its request is in flight: it stays disabled) or free again. */
export function setBusy(el, busyNow) {
  if (busyNow) busy.add(el); else busy.delete(el);
  updateControls();
}

export function isBusy(el) {
  return busy.has(el);
}

export function updateControls() {
  for (const el of $$('[data-requires]')) {
    const action = el.dataset.requires;
    el.disabled = !allows(action, page.state) || busy.has(el) || ('idle' in el.dataset && page.running)
      || (page.reviewPending && !DURING_REVIEW.has(action));
  }
}

on('state', updateControls);
on('run', updateControls);
on('review', updateControls);
