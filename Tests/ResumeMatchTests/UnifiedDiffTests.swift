import Testing
@testable import ResumeMatch

@Suite struct UnifiedDiffTests {
    @Test func identicalTextsGiveAnEmptyDiff() throws {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nb\n") == "")
        #expect(try UnifiedDiff.apply("", to: "a\nb\n") == "a\nb\n")
    }

    @Test func hunkHasHeadersThreeLinesOfContextAndCorrectCounts() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\nline 5b\n")
        let diff = UnifiedDiff.make(from: old, to: new)
        #expect(diff == """
            --- a/resume.md
            +++ b/resume.md
            @@ -2,7 +2,8 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
            +line 5b
             line 6
             line 7
             line 8

            """)
    }

    @Test func distantChangesMakeSeparateHunks() throws {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "l2\n", with: "X\n").replacingOccurrences(of: "l28\n", with: "Y\n")
        let diff = UnifiedDiff.make(from: old, to: new)
        #expect(diff.components(separatedBy: "\n@@").count == 2 + 0 || diff.split(separator: "\n").filter { $0.hasPrefix("@@") }.count == 2)
        #expect(try UnifiedDiff.apply(diff, to: old) == new)
    }

    @Test func insertionAtTopAndDeletionOfEverything() throws {
        #expect(UnifiedDiff.make(from: "", to: "a\n") == "--- a/resume.md\n+++ b/resume.md\n@@ -0,0 +1,1 @@\n+a\n")
        #expect(UnifiedDiff.make(from: "a\n", to: "") == "--- a/resume.md\n+++ b/resume.md\n@@ -1,1 +0,0 @@\n-a\n")
    }

    @Test func missingFinalNewlineIsMarked() throws {
        let diff = UnifiedDiff.make(from: "a\nb", to: "a\nb\n")
        #expect(diff.contains("-b\n\\ No newline at end of file\n+b\n"))
        #expect(try UnifiedDiff.apply(diff, to: "a\nb") == "a\nb\n")
    }

    @Test func applyRejectsMismatchedContext() {
        let diff = UnifiedDiff.make(from: "a\nb\nc\n", to: "a\nB\nc\n")
        #expect(throws: UnifiedDiffError.contextMismatch(hunk: 1)) { try UnifiedDiff.apply(diff, to: "x\ny\nz\n") }
    }

    @Test func applyRejectsMalformedInput() {
        #expect(throws: UnifiedDiffError.malformedHunkHeader(line: 3)) {
            try UnifiedDiff.apply("--- a\n+++ b\n@@ -x +1 @@\n", to: "a\n")
        }
        #expect(throws: UnifiedDiffError.hunkLengthMismatch(hunk: 1)) {
            try UnifiedDiff.apply("@@ -1,3 +1,3 @@\n a\n", to: "a\n")
        }
        #expect(throws: UnifiedDiffError.unexpectedLine(line: 2)) {
            try UnifiedDiff.apply("@@ -1,1 +1,1 @@\n?a\n", to: "a\n")
        }
    }

    @Test func hunkShiftedByEarlierEditsIsFound() throws {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let diff = UnifiedDiff.make(from: old, to: old.replacingOccurrences(of: "g\n", with: "G\n"))
        let shifted = "x\ny\n" + old
        #expect(try UnifiedDiff.apply(diff, to: shifted) == "x\ny\n" + old.replacingOccurrences(of: "g\n", with: "G\n"))
    }

    /// Property: for random line arrays a and b, apply(diff(a, b), a) == b.
    @Test(arguments: 0..<8)
    func applyOfDiffReproducesTheTarget(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1)
        for _ in 0..<150 {
            let a = randomText(&rng)
            let b = mutate(a, &rng)
            let diff = UnifiedDiff.make(from: a, to: b)
            #expect(try UnifiedDiff.apply(diff, to: a) == b, "a=\(a.debugDescription) b=\(b.debugDescription)\n\(diff)")
            #expect(hunkCountsMatch(diff))
        }
    }

    private func randomText(_ rng: inout SplitMix64) -> String {
        let count = Int(rng.next() % 25)
        let lines = (0..<count).map { _ in ["a", "b", "c", "d", "", "- x", "## h"][Int(rng.next() % 7)] }
        let trailing = rng.next() % 4 != 0
        return lines.joined(separator: "\n") + (trailing && !lines.isEmpty ? "\n" : "")
    }

    private func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        if rng.next() % 5 == 0 { return randomText(&rng) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int(rng.next() % 5) {
            let op = rng.next() % 3
            let at = lines.isEmpty ? 0 : Int(rng.next() % UInt64(lines.count))
            switch op {
            case 0: lines.insert(["a", "b", "new", ""][Int(rng.next() % 4)], at: at)
            case 1: if !lines.isEmpty { lines.remove(at: at) }
            default: if !lines.isEmpty { lines[at] = "changed \(rng.next() % 3)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every hunk's body has exactly the line counts its header states.
    private func hunkCountsMatch(_ diff: String) -> Bool {
        var old = 0, new = 0, wantOld = 0, wantNew = 0
        var ok = true
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@") {
                ok = ok && old == wantOld && new == wantNew
                let parts = line.split(separator: " ")
                wantOld = Int(parts[1].split(separator: ",")[1]) ?? -1
                wantNew = Int(parts[2].split(separator: ",")[1]) ?? -1
                old = 0; new = 0
            } else if line.hasPrefix(" ") { old += 1; new += 1 }
            else if line.hasPrefix("-") && !line.hasPrefix("---") { old += 1 }
            else if line.hasPrefix("+") && !line.hasPrefix("+++") { new += 1 }
        }
        return ok && old == wantOld && new == wantNew
    }
}

/// Small deterministic generator so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
