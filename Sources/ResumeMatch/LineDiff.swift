/// A shortest edit script between two sequences (Myers, "An O(ND) Difference Algorithm", 1986).
///
/// Works on integer ids so comparing lines costs one integer compare; callers map lines to ids.
enum LineDiff {
    enum Edit: Equatable, Sendable {
        case equal(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    static func edits(_ a: [Int], _ b: [Int]) -> [Edit] {
        // Common prefix and suffix cost nothing and shrink the search.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var result = (0..<prefix).map { Edit.equal(old: $0, new: $0) }
        for edit in myers(midA, midB) {
            switch edit {
            case .equal(let o, let n): result.append(.equal(old: o + prefix, new: n + prefix))
            case .delete(let o): result.append(.delete(old: o + prefix))
            case .insert(let n): result.append(.insert(new: n + prefix))
            }
        }
        for k in 0..<suffix {
            result.append(.equal(old: a.count - suffix + k, new: b.count - suffix + k))
        }
        return result
    }

    /// Greedy forward Myers keeping each round's furthest-reaching x per diagonal, then a
    /// backtrack through the saved rounds. Memory O(D·(N+M)), fine for documents.
    private static func myers(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count, m = b.count
        if n == 0 { return (0..<m).map { .insert(new: $0) } }
        if m == 0 { return (0..<n).map { .delete(old: $0) } }
        let maxD = n + m
        let offset = maxD
        var v = Array(repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]  // down: insertion
                } else {
                    x = v[offset + k - 1] + 1  // right: deletion
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m {
                    trace.append(v)
                    break search
                }
            }
        }
        return backtrack(trace: trace, n: n, m: m, offset: offset)
    }

    private static func backtrack(trace: [[Int]], n: Int, m: Int, offset: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n, y = m
        // trace[d] is the state before round d; the final state was appended last.
        for d in stride(from: trace.count - 2, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK: Int
            if d == 0 {
                prevK = 0
            } else if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = d == 0 ? 0 : v[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX, y > prevY {
                x -= 1; y -= 1
                edits.append(.equal(old: x, new: y))
            }
            if d > 0 {
                if x == prevX { edits.append(.insert(new: prevY)) } else { edits.append(.delete(old: prevX)) }
                x = prevX
                y = prevY
            }
        }
        return edits.reversed()
    }
}
