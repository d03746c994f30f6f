import Foundation

/// A sample of durations (ms) or rates, with nearest-rank percentiles.
struct Samples: Sendable {
    private(set) var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }
    mutating func add(contentsOf other: Samples) { values += other.values }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    func percentile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }

    var max: Double? { values.max() }
    var mean: Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }

    /// `p50 / p95 / p99` as text, `–` when empty.
    func summary(_ digits: Int = 1) -> String {
        guard !values.isEmpty else { return "–" }
        return [50.0, 95, 99].map { Format.number(percentile($0)!, digits) }.joined(separator: " / ")
    }

    var json: [String: Any] {
        guard !values.isEmpty else { return ["count": 0] }
        return ["count": count, "p50": percentile(50)!, "p95": percentile(95)!, "p99": percentile(99)!, "max": max!, "mean": mean!]
    }
}

enum Format {
    static func number(_ value: Double, _ digits: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        if abs(value) >= 1000 { return String(format: "%.0f", value) }
        return String(format: "%.\(digits)f", value)
    }

    static func mib(_ kib: Int) -> String { String(format: "%.1f", Double(kib) / 1024) }
}

/// Milliseconds between two instants.
extension ContinuousClock.Instant {
    func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let duration = self - start
        return Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
