#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation
import IPC
import NIOCore
import NIOPosix

// Foundation benchmarks: worker spawn-to-ready, IPC round trip and throughput over a Unix
// socket between two processes, idle RSS of the service's processes. Prints one table.
// Usage: resume-agent-bench [all|spawn|sandbox|ipc|rss|api|journey|normalizer|json] (run via bench/run.sh, release build).

let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "echo-server", arguments.count == 2 {
    await EchoServer.run(socket: arguments[1])
    exit(0)
}
if arguments.first == "echo-socket-server", arguments.count == 2 {
    await SocketEchoServer.run(path: arguments[1])
    exit(0)
}

let mode = arguments.first ?? "all"
var rows: [Row] = []
if mode == "all" || mode == "spawn" { rows += try await SpawnBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "sandbox" { rows += try await SandboxBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "ipc" { rows += try await IPCBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "ipc" { rows += try await SocketIPCBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "rss" { rows += try await RSSBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "api" { rows += try await APIBench.run(binDirectory: binDirectory) }
if mode == "all" || mode == "journey" { rows += try await APIBench.journey(binDirectory: binDirectory) }
if mode == "all" || mode == "normalizer" { rows += NormalizerBench.run() }
if mode == "all" || mode == "json" { rows += NormalizerBench.parsers() }
Table.print(rows)
