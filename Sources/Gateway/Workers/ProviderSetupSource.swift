import Foundation
import IPC
import Logging
import NIOPosix
import ProviderCatalog

/// What agent runs are told about the providers (``ProviderSetup``): the provider settings of
/// the gateway's environment, the content of the operator's provider file, and the keys.
///
/// Under a supervisor the keys arrive on the control link (``ProviderKeys``), never in the
/// environment; a gateway started on its own reads them from its own environment. Nothing here
/// ever goes to a document worker (``WorkerPool`` attaches it to agent runs only).
public final class ProviderSetupSource: Sendable {
    let environment: [String: String]
    let configJSON: String?
    /// Test tooling: the scripted provider's script is read at each run (tests rewrite it).
    let scriptPath: String?
    private let keys = ValueLatch<[String: String]>()
    /// How long a run waits for keys the supervisor has not sent yet (they follow its hello).
    let keyWait: Duration

    /// - Parameters:
    ///   - environment: the gateway's environment (secrets stripped by the supervisor).
    ///   - keysFromSupervisor: keys come over the control link; else from `environment`.
    public init(environment: [String: String], keysFromSupervisor: Bool, keyWait: Duration = .seconds(5)) {
        let settings = ProviderSecrets.settingVariables()
        self.environment = environment.filter { settings.contains($0.key) }
        self.configJSON = environment[ProviderPolicy.configFileVariable].flatMap { path in
            path.isEmpty ? nil : FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }
        self.scriptPath = environment["RESUME_AGENT_SCRIPT"].flatMap { $0.isEmpty ? nil : $0 }
        self.keyWait = keyWait
        if !keysFromSupervisor {
            keys.set((try? ProviderSecrets.keysByProvider(environment: environment)) ?? [:])
        }
    }

    /// The supervisor's keys (each gateway generation gets them once, after its hello).
    public func received(_ providerKeys: ProviderKeys) {
        keys.set(providerKeys.keys)
    }

    /// What the next agent run gets.
    public func setup() async -> ProviderSetup {
        let keys = await self.keys.value(within: keyWait) ?? [:]
        return ProviderSetup(environment: environment, configJSON: configJSON, keys: keys, script: await script())
    }

    private func script() async -> String? {
        guard let scriptPath else { return nil }
        return try? await NIOThreadPool.singleton.runIfActive {
            FileManager.default.contents(atPath: scriptPath).map { String(decoding: $0, as: UTF8.self) }
        } ?? nil
    }
}
