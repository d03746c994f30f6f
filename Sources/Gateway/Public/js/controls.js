// Which step controls can be used now. A control names the workflow action it performs
// (`data-requires`); it is enabled when the server's workflow allows that action from the
// session's state, it is not busy with its own request, and — for those marked `data-idle` —
// no run is active.
import { $$ } from './dom.js';
import { on, page } from './state.js';
import { allows } from './workflow.js';

const busy = new Set();

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
    el.disabled = !allows(el.dataset.requires, page.state) || busy.has(el) || ('idle' in el.dataset && page.running);
  }
}

on('state', updateControls);
on('run', updateControls);
