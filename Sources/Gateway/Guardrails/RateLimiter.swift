import ServiceSupport
import Synchronization

/// Requests per minute per token, as token buckets: a burst up to the minute's allowance, then
/// a steady refill. In memory (a gateway restart resets it, which only ever errs on allowing).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock: AnyClock

    init(clock: AnyClock) {
        self.clock = clock
    }

    /// Takes one request from `key`'s bucket; returns the seconds to wait when it is empty.
    func take(_ key: String, perMinute limit: Int) -> Int? {
        guard limit > 0 else { return nil }
        let now = clock.now.offset
        let capacity = Double(limit)
        let perSecond = capacity / 60
        return buckets.withLock { buckets -> Int? in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = Double((now - bucket.updated).components.seconds) + Double((now - bucket.updated).components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + elapsed * perSecond)
            bucket.updated = now
            defer {
                buckets[key] = bucket
                if buckets.count > 10_000 { buckets = buckets.filter { $0.value.tokens < capacity } }
            }
            guard bucket.tokens >= 1 else {
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// Counts things a tenant holds open (event streams) or the service does at once (uploads),
/// refusing past a limit; the returned lease gives the slot back when released.
final class Occupancy: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// A slot for `key` if fewer than `limit` are held.
    func acquire(_ key: String, limit: Int) -> Bool {
        counts.withLock { counts in
            let held = counts[key, default: 0]
            guard held < limit else { return false }
            counts[key] = held + 1
            return true
        }
    }

    func release(_ key: String) {
        counts.withLock { counts in
            let held = counts[key, default: 0] - 1
            counts[key] = held > 0 ? held : nil
        }
    }

    func held(_ key: String) -> Int { counts.withLock { $0[key, default: 0] } }
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}
