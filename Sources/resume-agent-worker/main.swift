import RunWorker
await WorkerMain.run()
