import GRDB

/// The schema, as an ordered list of migrations (never edit a shipped one; add the next).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE tenants (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
                CREATE TABLE api_tokens (
                    token_sha256 TEXT PRIMARY KEY,
                    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                    created_at TEXT NOT NULL);
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    state TEXT NOT NULL, auto_approve INTEGER NOT NULL,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                    input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
                    cost_usd REAL NOT NULL DEFAULT 0, cost_cap_usd REAL NOT NULL,
                    active_run_id TEXT, jd_json TEXT);
                CREATE INDEX sessions_by_tenant ON sessions(tenant_id);
                CREATE TABLE transitions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id TEXT NOT NULL REFERENCES sessions(id),
                    from_state TEXT, to_state TEXT NOT NULL, run_id TEXT, cause TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE INDEX transitions_by_session ON transitions(session_id, id);
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY,
                    session_id TEXT NOT NULL REFERENCES sessions(id),
                    content TEXT NOT NULL, status TEXT NOT NULL,
                    created_at TEXT NOT NULL, ended_at TEXT, terminal_reason TEXT,
                    provider TEXT, model TEXT,
                    input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
                    cost_usd REAL NOT NULL DEFAULT 0, last_seq INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX runs_by_session ON runs(session_id, created_at);
                CREATE INDEX runs_by_status ON runs(status);
                CREATE TABLE events (
                    id TEXT PRIMARY KEY,
                    run_id TEXT NOT NULL REFERENCES runs(id),
                    session_id TEXT NOT NULL,
                    seq INTEGER NOT NULL, type TEXT NOT NULL, ts TEXT NOT NULL, payload TEXT NOT NULL,
                    UNIQUE(run_id, seq));
                CREATE TABLE approvals (
                    id TEXT PRIMARY KEY,
                    session_id TEXT NOT NULL REFERENCES sessions(id),
                    run_id TEXT NOT NULL, tool_call_id TEXT NOT NULL, tool TEXT NOT NULL,
                    arguments TEXT NOT NULL, diff TEXT, truth_flags TEXT NOT NULL,
                    status TEXT NOT NULL, created_at TEXT NOT NULL,
                    decided_at TEXT, decided_by TEXT, reason TEXT);
                CREATE INDEX approvals_by_session ON approvals(session_id, status);
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id TEXT NOT NULL, run_id TEXT, actor TEXT NOT NULL, action TEXT NOT NULL,
                    path TEXT, before_sha256 TEXT, after_sha256 TEXT, details TEXT, created_at TEXT NOT NULL);
                CREATE INDEX audit_by_session ON audit(session_id, id);
                CREATE TABLE files (
                    session_id TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
                    content_type TEXT NOT NULL, sha256 TEXT NOT NULL, version INTEGER NOT NULL,
                    updated_at TEXT NOT NULL, PRIMARY KEY(session_id, path));
                CREATE TABLE file_versions (
                    session_id TEXT NOT NULL, path TEXT NOT NULL, version INTEGER NOT NULL,
                    sha256 TEXT NOT NULL, size INTEGER NOT NULL, run_id TEXT, created_at TEXT NOT NULL,
                    PRIMARY KEY(session_id, path, version));
                """)
        }
        return migrator
    }
}
