#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `resume-agent serve` refuses a provider policy the cost cap could not enforce, before it
/// spawns anything; once the operator prices the model, it starts.
@Suite("Provider start-up checks", .serialized, .timeLimit(.minutes(1)))
struct ProviderStartUpTests {
    static let unpriced = [
        "RESUME_AGENT_PROVIDERS": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_MODEL": "house-llm",
    ]

    @Test func anUnpricedModelStopsServeWithExitCode78() async throws {
        let service = try ServiceProcess(label: "unpriced", environment: Self.unpriced)
        defer { service.terminate() }
        let status = try await service.waitForExit(timeout: .seconds(20))
        #expect(status & 0x7f == 0, "killed by signal \(status & 0x7f)")
        #expect((status >> 8) & 0xff == 78)
        #expect(service.log.contains { $0.contains("no price for model 'house-llm' (provider 'openai')") && $0.contains("RESUME_AGENT_PRICES") })
        #expect(!service.log.contains { $0.contains("gateway spawned") })
    }

    @Test func theSameModelWithAnOperatorPriceStarts() async throws {
        let service = try ServiceProcess(label: "priced", environment: Self.unpriced.merging(["RESUME_AGENT_PRICES": "house-llm=0.5/1.5"]) { _, new in new })
        defer { service.terminate() }
        _ = try await service.waitUntilReady()
        #expect(service.pollExit() == nil)
    }
}
