import IPC
import Logging
import Testing

@testable import Supervisor

/// The warm-pool target as a value: takes and spawn times in, a target out, on hand-moved time.
@Suite("WarmPoolSizer")
struct WarmPoolSizerTests {
    static func sizer(minIdle: Int = 2, max: Int = 64, budgetMB: Int? = nil, window: Duration = .seconds(5)) -> WarmPoolSizer {
        WarmPoolSizer(
            settings: .init(minIdle: minIdle, max: max, window: window, headroom: 2, warmMemoryMB: budgetMB, workerMemoryMB: 10),
            now: .zero)
    }

    /// `count` takes evenly spread over `over`, starting at `start`; returns the time of the last.
    @discardableResult
    static func take(_ sizer: inout WarmPoolSizer, count: Int, over: Duration, from start: Duration = .zero) -> Duration {
        var instant = start
        for index in 0..<count {
            instant = start + over * (Double(index) / Double(count))
            sizer.recordTake(at: instant)
        }
        return instant
    }

    @Test func withoutDemandTheTargetIsTheMinimum() {
        let sizer = Self.sizer(minIdle: 3)
        #expect(sizer.target(at: .seconds(100)) == 3)
    }

    @Test func aSustainedRateKeepsRateTimesSpawnTimeTimesHeadroomWarm() {
        var sizer = Self.sizer(minIdle: 2)
        sizer.recordSpawn(took: .milliseconds(200))
        // 50 takes a second for 30 s (six windows): the estimate settles near 50/s.
        let last = Self.take(&sizer, count: 1500, over: .seconds(30))
        let rate = sizer.rate(at: last)
        #expect(abs(rate - 50) < 3, "rate \(rate)")
        // 50/s × 0.2 s × 2 = 20 idle workers.
        #expect((19...21).contains(sizer.target(at: last)))
    }

    @Test func theTargetFollowsTheSpawnTime() {
        var sizer = Self.sizer(minIdle: 1)
        let last = Self.take(&sizer, count: 500, over: .seconds(20))  // 25/s
        sizer.recordSpawn(took: .milliseconds(30))
        let fast = sizer.target(at: last)
        for _ in 0..<20 { sizer.recordSpawn(took: .milliseconds(400)) }  // the machine got loaded
        let slow = sizer.target(at: last)
        #expect(fast == 2)  // 25 × 0.03 × 2 = 1.5
        #expect((18...22).contains(slow), "slow \(slow)")  // ≈ 25 × 0.4 × 2 = 20, after the average moved
    }

    @Test func theTargetDecaysBackToTheMinimumWhenDemandStops() {
        var sizer = Self.sizer(minIdle: 2, window: .seconds(5))
        sizer.recordSpawn(took: .milliseconds(500))
        let last = Self.take(&sizer, count: 400, over: .seconds(10))  // 40/s → 40 warm
        #expect(sizer.target(at: last) > 20)
        // Five windows later the rate has fallen below 1 % of what it was.
        #expect(sizer.target(at: last + .seconds(25)) == 2)
        // And it falls monotonically on the way.
        let targets = stride(from: 0, through: 25, by: 1).map { sizer.target(at: last + .seconds($0)) }
        #expect(targets == targets.sorted(by: >))
    }

    @Test func theTargetStaysWithinTheMaximumAndTheMemoryBudget() {
        var sizer = Self.sizer(minIdle: 2, max: 16)
        sizer.recordSpawn(took: .seconds(1))
        let last = Self.take(&sizer, count: 1000, over: .seconds(10))
        #expect(sizer.target(at: last) == 16)
        var budgeted = Self.sizer(minIdle: 2, max: 16, budgetMB: 80)  // 8 workers of 10 MiB
        budgeted.recordSpawn(took: .seconds(1))
        Self.take(&budgeted, count: 1000, over: .seconds(10))
        #expect(budgeted.target(at: .seconds(10)) == 8)
        // The operator's minimum wins over a budget too small for it.
        let floor = Self.sizer(minIdle: 4, max: 16, budgetMB: 10)
        #expect(floor.target(at: .zero) == 4)
    }

    @Test func aRampGrowsTheTargetWithinASecondAndTheSlowEstimateHoldsIt() {
        var sizer = Self.sizer(minIdle: 1, window: .seconds(10))
        sizer.recordSpawn(took: .milliseconds(250))
        // From nothing to 40 runs a second: one second later the target is most of the way there.
        let last = Self.take(&sizer, count: 40, over: .seconds(1))
        #expect(sizer.target(at: last) >= 12)  // 40 × 0.25 × 2 = 20 at the full rate
        // Five quiet seconds: the fast estimate is gone, the slow one still holds the pool up.
        #expect(sizer.target(at: last + .seconds(5)) >= 2)
        #expect(sizer.target(at: last + .seconds(60)) == 1)
    }

    @Test func aTakeReportedLateCountsAndDecaysNothing() {
        var sizer = Self.sizer()
        sizer.recordTake(at: .seconds(10))
        sizer.recordTake(at: .seconds(9))  // an older report processed late
        // Two takes in the fast (1 s) estimate, none lost, none decayed backwards.
        #expect(abs(sizer.rate(at: .seconds(10)) - 2) < 1e-9)
    }
}
