import IPC

/// What a worker does with one run. The agent runtime implements it; the worker process
/// only moves frames and enforces nothing (the gateway does).
public protocol RunExecutor: Sendable {
    /// Executes `run`, reporting through `emit`. Must return promptly when the task is
    /// cancelled (the gateway sent `cancel`); the gateway kills the process otherwise.
    func execute(_ run: RunStart, emit: @Sendable (RunEvent) async throws -> Void) async throws -> RunEnd
}
