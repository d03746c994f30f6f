// The one place that says what each run event does on the page: how the conversation shows it
// and, while the run is live, what else on the page follows (approvals, files, the workflow
// state, the usage meter). A replayed run only redraws its conversation. Adding an event type to
// the contract is one entry here; `unhandledEventTypes` lists any type the server sends that has
// none (the browser tests check it is empty).
import { refreshFiles } from './documents.js';
import { costCap, reportError } from './notices.js';
import { refreshSession } from './session.js';
import { page, setState, setUsage } from './state.js';
import { approvals, chat } from './views.js';
import { eventTypes } from './workflow.js';

/** A proposal that waits for a person: open it, unless auto-approve will apply it anyway. */
function awaitDecision(p) {
  const flagged = Array.isArray(p.truth_flags) && p.truth_flags.length > 0;
  if (page.session?.auto_approve && !flagged) {
    // The server applies it itself; only ask if it is somehow still waiting a moment later.
    approvals.refresh({ autoOpen: false }).catch(() => {});
    setTimeout(() => approvals.refresh().catch(() => {}), 2500);
  } else {
    approvals.refresh().catch(reportError);
  }
}

/** type → ({ run, live }, payload). `run` is the run's view in the conversation. */
const EVENTS = {
  run_started: ({ run, live }) => chat.started(run, live),
  assistant_delta: ({ run }, p) => chat.appendText(run, String(p.text ?? '')),
  tool_call_proposed({ run, live }, p) {
    chat.toolProposed(run, p);
    approvals.remember(p); // the approvals route may not carry the diff and flags the stream has
    if (live && p.requires_approval) awaitDecision(p);
  },
  tool_call_approved({ run, live }, p) {
    chat.toolApproved(run, p);
    if (live) approvals.refresh({ autoOpen: false }).catch(() => {});
  },
  tool_call_rejected({ run, live }, p) {
    chat.toolRejected(run, p);
    if (live) approvals.refresh({ autoOpen: false }).catch(() => {});
  },
  tool_result({ run, live }, p) {
    chat.toolResult(run, p);
    if (!live) return;
    refreshFiles({ force: true, live: true }).catch(reportError);
    if (p.ok) refreshSession();
  },
  // The file list is re-read on the tool_result that follows every change.
  file_changed: () => {},
  state_changed: ({ live }, p) => { if (live) setState(p.to || p.state); },
  usage_updated({ live }, p) {
    if (!live) return;
    if (p.session && typeof p.session === 'object') setUsage(p.session);
    else if (p.usage && p.usage.cost_cap_usd != null) setUsage(p.usage);
    else refreshSession();
  },
  run_completed: ({ run }, p) => chat.completed(run, p.usage),
  run_interrupted({ run, live }, p) {
    chat.interrupted(run, p.reason);
    if (live && p.reason === 'cost_cap') costCap();
  },
  run_failed: ({ run }, p) => chat.failed(run, p),
};

/**
 * Applies one envelope of a run's stream, live or replayed. Returns false when it was already
 * applied (the conversation tracks each run's last seq).
 */
export function dispatch(env, { live }) {
  const run = chat.accept(env);
  if (!run) return false;
  const handler = EVENTS[env.type];
  if (handler) handler({ run, live }, env.payload || {});
  else console.warn('no handler for event type', env.type);
  chat.settle(run, live);
  return true;
}

/** Event types the server's workflow lists that this table has no entry for. */
export function unhandledEventTypes() {
  return eventTypes().filter((t) => !Object.hasOwn(EVENTS, t));
}
