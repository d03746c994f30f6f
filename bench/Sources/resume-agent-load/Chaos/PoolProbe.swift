import Foundation

/// The warm pool's size as the service reports it: the idle-workers gauge of `/metrics`
/// (`resume_agent_workers{state="idle"}`), read with the client's token (the contract puts
/// `/metrics` behind an admin token on the public listener; today it is open).
struct PoolProbe: Sendable {
    let client: HTTPClient

    func idleWorkers() async -> Int? {
        guard let answer = try? await client.get("/metrics"), answer.status == 200 else { return nil }
        for line in answer.text.split(separator: "\n") where line.hasPrefix("resume_agent_workers{") && line.contains(#"state="idle""#) {
            return Int(Double(line.split(separator: " ").last ?? "") ?? -1)
        }
        return nil
    }

    /// Polls until the pool has `size` idle workers; returns how long that took (nil: not
    /// within `timeout`).
    func waitForPool(size: Int, timeout: Duration) async -> Double? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if let idle = await idleWorkers(), idle >= size { return ContinuousClock.now.milliseconds(since: start) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
