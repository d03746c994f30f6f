// The workflow the server enforces, learned from GET /api/v1/workflow once per page load: the
// states in journey order, which action is allowed from which state and where it leads, the
// export formats and the event types. The page keeps no copy of these lists of its own.
import { api } from './api.js';

let loading = null;
let doc = null;

/** Fetches the workflow (once; a failed attempt is retried by the next call). */
export function loadWorkflow() {
  if (doc) return Promise.resolve(doc);
  if (!loading) {
    loading = api('/workflow').then((body) => {
      doc = validate(body);
      return doc;
    }).finally(() => { loading = null; });
  }
  return loading;
}

function validate(body) {
  const ok = body && Array.isArray(body.journey) && Array.isArray(body.rules)
    && Array.isArray(body.export_formats) && Array.isArray(body.event_types);
  if (!ok) throw new Error('The server described its workflow in a shape this page does not understand. Reload the page.');
  return body;
}

function loaded() {
  if (!doc) throw new Error('workflow used before it was loaded');
  return doc;
}

/** Whether `action` is allowed from `state` (false for an unknown state). */
export function allows(action, state) {
  if (!doc || !state) return false;
  return doc.rules.some((r) => r.action === action && r.from.includes(state));
}

/** The state `action` leads to when it moves the session (its first rule with a target). */
export function targetOf(action) {
  return loaded().rules.find((r) => r.action === action && r.to)?.to ?? null;
}

/** Position of `state` in the journey (0 = the start), or -1 when it is not on it (cancelled). */
export function journeyIndex(state) {
  return doc ? doc.journey.indexOf(state) : -1;
}

/** The journey's last state: nothing is left to do after it. */
export function journeyEnd() {
  const j = loaded().journey;
  return j[j.length - 1];
}

/** Export formats the server renders: [{format, label, content_type}], in its order. */
export function exportFormats() {
  return loaded().export_formats;
}

/** Every event type a run's stream can carry. */
export function eventTypes() {
  return loaded().event_types.map((e) => e.type);
}

/** Whether an event of this type ends its run. */
export function isTerminal(type) {
  return loaded().event_types.some((e) => e.type === type && e.terminal);
}
