import IPC
import RunWorker
import WorkerCore

// Confine first, while the process has one thread (see `WorkerMain`), then serve. libcurl
// loads in the background once the gateway took the hello (``TransportPreload``): started
// before it, the load delayed the hello by ~5 ms (bench/NOTES-spawn.md).
let worker = WorkerMain.start(kind: .agent)
let preload = worker.preloadsTransport
await WorkerMain.serve(worker, executor: AgentWorkerExecutor(), onReady: { if preload { TransportPreload.start() } })
