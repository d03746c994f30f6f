#if canImport(Glibc)
import Glibc
#endif

/// How many idle workers of one kind to keep warm, from demand: a pure value on injected time.
///
/// A run that finds no idle worker waits for a spawn, so the pool should hold at least as many
/// idle workers as runs arrive while one worker starts: Little's law, `rate × spawn time`.
/// The sizer keeps two estimates and turns them into a target:
///
/// - **take rate**: workers handed a run per second, as two exponentially decaying counts (each
///   take adds `1/τ`, the sum decays with time constant `τ`; at a steady rate λ both settle at λ):
///   one with τ = 1 s, so the pool grows within a second of a ramp, and one with τ = `window`, so
///   it shrinks only once demand has stayed low for a while. The rate is the larger of the two.
///   No sample buffer, no timer;
/// - **spawn time**: spawn → the gateway reporting the worker connected, as the supervisor sees
///   it (a moving average): it grows when the machine is loaded, and the target with it.
///
/// `target = clamp(ceil(rate × spawnTime × headroom), minIdle, cap)` where `cap` is the smallest
/// of the kind's maximum and what the warm-memory budget pays for (never below `minIdle`: the
/// operator's floor wins). With no demand the target decays back to `minIdle`.
struct WarmPoolSizer: Sendable, Equatable {
    struct Settings: Sendable, Equatable {
        var minIdle: Int
        var max: Int
        /// Time constant of the take rate: how long a burst keeps the pool large.
        var window: Duration = .seconds(5)
        /// Multiplies the expected takes during one spawn: arrivals are bursty.
        var headroom: Double = 2
        /// Budget for idle workers of this kind, in MiB (nil: only `max` bounds the pool).
        var warmMemoryMB: Int?
        /// What one idle worker costs (measured PSS of an idle worker among others is ~9–10 MiB;
        /// RSS ~30 MiB, most of it the shared program image).
        var workerMemoryMB: Int = 10
    }

    let settings: Settings
    /// Takes per second as of `updatedAt` (each decays from there): fast and slow estimates.
    private var fastRate: Double = 0
    private var slowRate: Double = 0
    private var updatedAt: Duration
    /// Time constant of the fast estimate: how quickly a ramp grows the pool.
    static let fastWindow: Duration = .seconds(1)
    /// Spawn → connected, smoothed. Until measured, an assumption close to an unloaded machine.
    private(set) var spawnTime: Duration = .milliseconds(50)
    private var spawnSamples = 0

    init(settings: Settings, now: Duration) {
        self.settings = settings
        self.updatedAt = now
    }

    /// A worker of this kind was handed a run.
    mutating func recordTake(at now: Duration) {
        decay(to: now)
        fastRate += 1 / Self.fastWindow.seconds
        slowRate += 1 / settings.window.seconds
    }

    /// A worker of this kind connected `elapsed` after it was spawned.
    mutating func recordSpawn(took elapsed: Duration) {
        spawnSamples += 1
        // The first sample replaces the assumption; later ones move it by a quarter.
        let weight = spawnSamples == 1 ? 1.0 : 0.25
        spawnTime = .seconds(spawnTime.seconds * (1 - weight) + elapsed.seconds * weight)
    }

    /// Idle workers to keep warm (spawning and starting ones count as warm).
    func target(at now: Duration) -> Int {
        let demand = rate(at: now) * spawnTime.seconds * settings.headroom
        // A tiny residue of an old burst must not hold one extra worker for ever.
        let wanted = demand < 0.05 ? 0 : Int(demand.rounded(.up))
        return Swift.max(settings.minIdle, Swift.min(wanted, cap))
    }

    /// The most idle workers the maximum and the memory budget allow (never below `minIdle`).
    var cap: Int {
        var cap = settings.max
        if let budget = settings.warmMemoryMB { cap = Swift.min(cap, budget / Swift.max(1, settings.workerMemoryMB)) }
        return Swift.max(settings.minIdle, cap)
    }

    /// The take rate as of `now`: the larger of the fast and the slow estimate.
    func rate(at now: Duration) -> Double {
        let (fast, slow) = rates(at: now)
        return Swift.max(fast, slow)
    }

    private func rates(at now: Duration) -> (fast: Double, slow: Double) {
        // A report processed late (older than the last take) decays nothing.
        let elapsed = Swift.max(0, (now - updatedAt).seconds)
        return (fastRate * exp(-elapsed / Self.fastWindow.seconds), slowRate * exp(-elapsed / settings.window.seconds))
    }

    private mutating func decay(to now: Duration) {
        (fastRate, slowRate) = rates(at: now)
        updatedAt = Swift.max(updatedAt, now)
    }
}

extension Duration {
    /// Seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
