/// The running service's process tree: the supervisor, its gateway, its workers (both kinds), told apart
/// by their executables' names.
struct ServiceProcesses: Sendable {
    let supervisor: Int32
    var gateway: Int32?
    var workers: [Int32]

    static func of(supervisor: Int32) -> ServiceProcesses {
        var gateway: Int32?
        var workers: [Int32] = []
        for child in ProcStat.children(of: supervisor) {
            let command = ProcStat.commandLine(child)
            if command.contains("resume-agent-gateway") {
                // A zombie gateway (killed, not yet reaped) is not the live one.
                if ProcStat.read(child)?.state != "Z" { gateway = child }
            } else if command.contains("resume-agent-worker") || command.contains("resume-agent-document-worker") {
                // Both kinds: agent workers and document workers (their CPU and memory are the service's too).
                workers.append(child)
            }
        }
        return ServiceProcesses(supervisor: supervisor, gateway: gateway, workers: workers)
    }
}
