// What a person reads about a tool call: its name, a one-line description of what it is about,
// an icon, and the truthfulness flags it carries. Shared by the conversation and the approvals.

const TOOL_ICON = { read: '⟲', write: '✎', analy: '◎', export: '⇩', propose: '✎', edit: '✎', list: '≡', fetch: '⇣' };
export function iconFor(tool) {
  const t = String(tool || '').toLowerCase();
  for (const [k, v] of Object.entries(TOOL_ICON)) if (t.includes(k)) return v;
  return '•';
}

/** A one-line description of what a tool call is about. */
export function describeCall(tool, args) {
  const a = args && typeof args === 'object' ? args : {};
  if (a.title || a.summary || a.description) return a.title || a.summary || a.description;
  if (a.section) return `Rewrite the “${a.section}” section`;
  if (a.old_text && a.new_text) return `Edit: “${clip(a.old_text, 48)}”`;
  if (a.format) return `Export as ${String(a.format).toUpperCase()}`;
  if (a.path) return String(a.path);
  return '';
}

function clip(text, n) {
  const t = String(text).replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

const TOOL_LABEL = {
  read_resume: 'Read your resume',
  read_job_description: 'Read the job description',
  analyze_gap: 'Analyze gaps',
  propose_resume_edit: 'Propose an edit',
  render_preview: 'Render preview',
  export_resume: 'Export',
  list_files: 'List files',
  read_file: 'Read a file',
  write_file: 'Write a file',
};
export function toolLabel(tool) {
  return TOOL_LABEL[tool] || String(tool || 'tool').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The truthfulness flags of a proposal: from the first source that has any. */
export function truthFlagsOf(...sources) {
  for (const s of sources) {
    if (!s || typeof s !== 'object') continue;
    const f = s.truth_flags ?? s.arguments?.truth_flags;
    if (Array.isArray(f) && f.length) return f;
  }
  return [];
}
