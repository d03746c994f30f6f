#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// The services this driver started, so that Ctrl-C or SIGTERM stops them too (each
/// service's process group, and its fake model) before the driver exits.
final class ChildRegistry: Sendable {
    static let shared = ChildRegistry()
    private let services = Mutex<[ObjectIdentifier: ServiceUnderTest]>([:])

    func add(_ service: ServiceUnderTest) { services.withLock { $0[ObjectIdentifier(service)] = service } }
    func remove(_ service: ServiceUnderTest) { services.withLock { $0[ObjectIdentifier(service)] = nil } }

    /// Routes SIGINT, SIGTERM and SIGHUP to: kill every started process, exit 130. The caller
    /// keeps the returned sources alive for as long as the routing should last.
    func installSignalHandlers() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                let all = services.withLock { Array($0.values) }
                all.forEach { $0.killEverything() }
                _exit(130)
            }
            source.resume()
            return source
        }
    }
}
