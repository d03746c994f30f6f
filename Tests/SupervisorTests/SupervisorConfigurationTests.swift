import Foundation
import Testing
import TestScratch

@testable import Supervisor

@Suite("SupervisorConfiguration")
struct SupervisorConfigurationTests {
    func write(_ json: String) throws -> String {
        let path = Scratch.file("cfg", named: "config.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func configFileOverridesDefaults() throws {
        var configuration = SupervisorConfiguration(binDirectory: "/nonexistent")
        try configuration.apply(configFile: try write("""
        {"host": "0.0.0.0", "port": 9000, "workers": {"min_idle": 4, "max": 8, "runs_per_worker": 3},
         "drain_seconds": 5, "gateway_restart": {"initial_backoff_ms": 50, "intensity": 3, "period_seconds": 10}}
        """))
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.minIdleWorkers == 4)
        #expect(configuration.maxWorkers == 8)
        #expect(configuration.runsPerWorker == 3)
        #expect(configuration.drainSeconds == 5)
        #expect(configuration.gatewayRestart == RestartPolicy(initialBackoff: .milliseconds(50), intensity: 3, period: .seconds(10)))
    }

    @Test func configFileSetsTheDemandDrivenPoolKnobs() throws {
        var configuration = SupervisorConfiguration(binDirectory: "/nonexistent")
        try configuration.apply(configFile: try write("""
        {"workers": {"warm_memory_mb": 64, "demand_window_seconds": 2.5, "demand_headroom": 1.5},
         "document_workers": {"warm_memory_mb": 30}}
        """))
        #expect(configuration.sizing(.agent) == WarmPoolSizer.Settings(
            minIdle: 2, max: 16, window: .milliseconds(2500), headroom: 1.5, warmMemoryMB: 64))
        #expect(configuration.sizing(.document).warmMemoryMB == 30)
        #expect(configuration.sizing(.document).minIdle == 1)
    }

    @Test func invalidConfigFileGivesAReadableError() throws {
        var configuration = SupervisorConfiguration(binDirectory: "/nonexistent")
        #expect(throws: SupervisorConfiguration.ConfigError.self) {
            try configuration.apply(configFile: try write(#"{"port": "eighty"}"#))
        }
        #expect(throws: SupervisorConfiguration.ConfigError.self) {
            try configuration.apply(configFile: "/nonexistent/config.json")
        }
    }

    @Test func validationRejectsImpossibleValues() {
        var configuration = SupervisorConfiguration(binDirectory: "/nonexistent")
        configuration.port = 70000
        #expect(throws: SupervisorConfiguration.ConfigError.self) { try configuration.validate() }
        configuration.port = 8080
        configuration.maxWorkers = 1
        #expect(throws: SupervisorConfiguration.ConfigError.self) { try configuration.validate() }
        configuration.maxWorkers = 16
        configuration.runtimeDirectory = "/" + String(repeating: "x", count: 120)
        #expect(throws: SupervisorConfiguration.ConfigError.self) { try configuration.validate() }
    }
}
