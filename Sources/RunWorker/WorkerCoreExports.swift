// The run's line to the gateway (`RunChannel`, `RunExecutor`) and job failures live in
// WorkerCore, shared with the document worker; re-exported so the agent's files (and its
// tests) see them with `import RunWorker` alone.
@_exported import WorkerCore
