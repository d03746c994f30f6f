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
        migrator.registerMigration("v2-guardrails") { db in
            // Tenants carry their limits (NULL: the operator's defaults apply).
            try db.execute(sql: """
                ALTER TABLE tenants ADD COLUMN daily_budget_usd REAL;
                ALTER TABLE tenants ADD COLUMN max_sessions INTEGER;
                ALTER TABLE tenants ADD COLUMN max_concurrent_runs INTEGER;
                ALTER TABLE tenants ADD COLUMN storage_mb INTEGER;
                ALTER TABLE tenants ADD COLUMN requests_per_minute INTEGER;
                ALTER TABLE api_tokens ADD COLUMN id TEXT;
                UPDATE api_tokens SET id = 'tok_' || lower(hex(randomblob(12))) WHERE id IS NULL;
                CREATE UNIQUE INDEX api_tokens_by_id ON api_tokens(id);
                ALTER TABLE api_tokens ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
                ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
                -- The first token ever minted is the operator's (the first-run token).
                UPDATE api_tokens SET admin = 1 WHERE rowid = (SELECT MIN(rowid) FROM api_tokens);
                -- Cost and outcomes outlive the sessions they came from (no personal data in them):
                -- budgets, the usage dashboard and `resume-agent usage` read these.
                CREATE TABLE usage_ledger (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant_id TEXT NOT NULL, session_id TEXT, run_id TEXT,
                    provider TEXT NOT NULL, model TEXT NOT NULL,
                    input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE INDEX usage_by_tenant_time ON usage_ledger(tenant_id, created_at);
                CREATE INDEX usage_by_time ON usage_ledger(created_at);
                CREATE TABLE run_ledger (
                    run_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, session_id TEXT NOT NULL,
                    status TEXT NOT NULL, reason TEXT, provider TEXT, model TEXT,
                    cost_usd REAL NOT NULL DEFAULT 0, created_at TEXT NOT NULL, ended_at TEXT NOT NULL);
                CREATE INDEX run_ledger_by_time ON run_ledger(ended_at);
                -- Deleting a session touches every table by session; retention finds old sessions.
                CREATE INDEX events_by_session ON events(session_id);
                CREATE INDEX files_by_session ON files(session_id);
                CREATE INDEX file_versions_by_session ON file_versions(session_id);
                CREATE INDEX sessions_by_activity ON sessions(updated_at);
                """)
        }
        migrator.registerMigration("v3-suspended-runs") { db in
            // A run waiting for a person's decision holds no worker: its saved state lives here,
            // so it survives a gateway restart and continues when the decision is made.
            try db.execute(sql: """
                CREATE TABLE suspended_runs (
                    run_id TEXT PRIMARY KEY, session_id TEXT NOT NULL,
                    tool_call_id TEXT NOT NULL, approval_id TEXT NOT NULL,
                    job TEXT NOT NULL, checkpoint TEXT NOT NULL, writes TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE INDEX suspended_runs_by_session ON suspended_runs(session_id);
                """)
        }
        migrator.registerMigration("v4-run-worker-seq") { db in
            // The highest worker-numbered frame whose effects are persisted, written in the
            // same transaction as the events: a restarted gateway adopting the run tells its
            // worker to replay exactly the frames above it (issue 13).
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN worker_seq INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
