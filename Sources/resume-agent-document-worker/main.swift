import DocumentWorker
import IPC
import WorkerCore

// Confine first, while the process has one thread (see `WorkerMain`), then serve.
let worker = WorkerMain.start(kind: .document)
await WorkerMain.serve(worker, executor: DocumentWorkerExecutor())
