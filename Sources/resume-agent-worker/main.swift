import IPC
import RunWorker
import WorkerCore

// Confine first, while the process has one thread (see `WorkerMain`), then serve.
let worker = WorkerMain.start(kind: .agent)
await WorkerMain.serve(worker, executor: AgentWorkerExecutor())
