// The page's shared state, owned here: the session on screen, its workflow state and usage, the
// active run, the pending approvals and the workspace files. Modules read it through `page` and
// change it only through the setters below; views that depend on a part subscribe with `on`.

const data = {
  sessionId: null,
  session: null,
  state: null, // the session's workflow state, as the server says it
  usage: null,
  runId: null, // the run the page is attached to
  runPurpose: null, // 'analyze' | 'tailor' | 'chat': which control started it
  running: false, // a run is starting or attached (true before its id is known)
  pending: 0,
  files: [],
  reviewPending: false, // the import of the resume on file waits for the person to check it
  generation: 0, // bumps on every session switch; late answers for an old session are dropped
};

const listeners = new Map();

/** Calls `fn(page)` after every change of `topic`: 'session' | 'state' | 'usage' | 'run' | 'pending' | 'files' | 'review'. */
export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, []);
  listeners.get(topic).push(fn);
}

function emit(topic, extra) {
  for (const fn of listeners.get(topic) || []) fn(page, extra);
}

/** Read-only view of the state. */
export const page = Object.freeze({
  get sessionId() { return data.sessionId; },
  get session() { return data.session; },
  get state() { return data.state; },
  get usage() { return data.usage; },
  get runId() { return data.runId; },
  get runPurpose() { return data.runPurpose; },
  get running() { return data.running || !!data.runId; },
  get pending() { return data.pending; },
  get files() { return data.files; },
  get reviewPending() { return data.reviewPending; },
  get generation() { return data.generation; },
  /** Whether an answer started in generation `gen` still belongs to the session on screen. */
  isCurrent(gen) { return gen === data.generation; },
});

/** A new session is about to be shown: everything of the previous one is forgotten. */
export function beginSession() {
  data.generation += 1;
  data.sessionId = null;
  data.session = null;
  data.runId = null;
  data.runPurpose = null;
  data.running = false;
  data.files = [];
  data.reviewPending = false;
  emit('run');
  emit('files');
  emit('review');
  return data.generation;
}

export function setSessionId(id) {
  data.sessionId = id;
}

/** The session object from the server (GET/POST …/sessions). */
export function setSession(s) {
  if (!s) return;
  data.session = s;
  data.sessionId = s.session_id;
  emit('session');
  setState(s.state);
  setUsage(s.usage);
}

export function setState(state) {
  if (!state) return;
  data.state = state;
  if (data.session) data.session = { ...data.session, state };
  emit('state');
}

export function setUsage(usage) {
  if (!usage) return;
  data.usage = usage;
  emit('usage');
}

export function setAutoApprove(on) {
  if (data.session) data.session = { ...data.session, auto_approve: on };
}

/** A run is starting (`runId` null until the server answers), attached, or over (`running` false). */
export function setRun({ runId = null, purpose = data.runPurpose, running }) {
  data.runId = runId;
  data.runPurpose = running ? purpose : null;
  data.running = running;
  emit('run');
}

/** The pending approvals: their count, and their ids when known. */
export function setPending(count, ids) {
  data.pending = count;
  emit('pending', ids);
}

export function setFiles(files) {
  data.files = files;
  emit('files');
}

/** Whether the import waits for the person to check it (step 1's review): later steps wait too. */
export function setReviewPending(pending) {
  if (data.reviewPending === pending) return;
  data.reviewPending = pending;
  emit('review');
}
