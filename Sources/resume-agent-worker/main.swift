import IPC
import RunWorker
import WorkerCore

// Confine first, while the process has one thread (see `WorkerMain`), then serve. libcurl
// loads in the background meanwhile (``TransportPreload``), off the spawn→ready path.
let worker = WorkerMain.start(kind: .agent)
if worker.preloadsTransport { TransportPreload.start() }
await WorkerMain.serve(worker, executor: AgentWorkerExecutor())
