/// Unified diffs of line-based text (`--- a/resume.md` / `+++ b/resume.md`, `@@` hunks with
/// three lines of context), and a strict patcher for them.
///
/// Lines keep their terminators while diffing, so a missing final newline is a real change and
/// is written with the standard "\ No newline at end of file" marker.
public enum UnifiedDiff {
    /// Lines of context around each change.
    public static let contextLines = 3

    /// The unified diff turning `old` into `new`; "" when they are equal.
    public static func make(from old: String, to new: String, oldPath: String = "a/resume.md", newPath: String = "b/resume.md") -> String {
        let a = elements(old), b = elements(new)
        var ids: [String: Int] = [:]
        let ia = a.map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let ib = b.map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let edits = LineDiff.edits(ia, ib)
        let hunks = group(edits)
        guard !hunks.isEmpty else { return "" }
        var out = "--- \(oldPath)\n+++ \(newPath)\n"
        for hunk in hunks { out += render(hunk, a: a, b: b) }
        return out
    }

    /// Applies `diff` to `original`. Each hunk must match exactly; if earlier edits moved it,
    /// it is searched for near its stated position, as `patch` does.
    public static func apply(_ diff: String, to original: String) throws(UnifiedDiffError) -> String {
        let hunks = try parse(diff)
        let source = elements(original)
        var output: [String] = []
        var cursor = 0
        for (number, hunk) in hunks.enumerated() {
            let expected = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
            guard let at = locate(hunk.oldLines, in: source, near: expected, from: cursor) else {
                throw .contextMismatch(hunk: number + 1)
            }
            output += source[cursor..<at]
            output += hunk.newLines
            cursor = at + hunk.oldLines.count
        }
        output += source[cursor...]
        return output.joined()
    }

    // MARK: Text as lines with terminators

    static func elements(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" || c == "\r\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: Hunks

    private struct Hunk {
        var edits: ArraySlice<LineDiff.Edit>
        /// Lines before the hunk on each side (0-based position of its first line).
        var oldPos: Int
        var newPos: Int
    }

    /// Groups edits into hunks: each change with up to three equal lines either side; changes
    /// closer than twice the context share a hunk.
    private static func group(_ edits: [LineDiff.Edit]) -> [Hunk] {
        let changed = edits.indices.filter { if case .equal = edits[$0] { return false } else { return true } }
        guard let first = changed.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = max(0, first - contextLines)
        var end = first
        for index in changed.dropFirst() {
            if index - end > 2 * contextLines {
                ranges.append(start...min(edits.count - 1, end + contextLines))
                start = index - contextLines
            }
            end = index
        }
        ranges.append(start...min(edits.count - 1, end + contextLines))
        // Positions: count old and new lines consumed before each hunk.
        var hunks: [Hunk] = []
        var oldPos = 0, newPos = 0, k = 0
        for range in ranges {
            while k < range.lowerBound { advance(edits[k], &oldPos, &newPos); k += 1 }
            hunks.append(Hunk(edits: edits[range], oldPos: oldPos, newPos: newPos))
        }
        return hunks
    }

    private static func advance(_ edit: LineDiff.Edit, _ old: inout Int, _ new: inout Int) {
        switch edit {
        case .equal: old += 1; new += 1
        case .delete: old += 1
        case .insert: new += 1
        }
    }

    private static func render(_ hunk: Hunk, a: [String], b: [String]) -> String {
        var oldCount = 0, newCount = 0
        var body = ""
        for edit in hunk.edits {
            switch edit {
            case .equal(let o, _): oldCount += 1; newCount += 1; body += line(" ", a[o])
            case .delete(let o): oldCount += 1; body += line("-", a[o])
            case .insert(let n): newCount += 1; body += line("+", b[n])
            }
        }
        // For an empty side the start is the line *before* the change (0 at the top).
        let oldStart = oldCount == 0 ? hunk.oldPos : hunk.oldPos + 1
        let newStart = newCount == 0 ? hunk.newPos : hunk.newPos + 1
        return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
    }

    private static func line(_ prefix: String, _ element: String) -> String {
        if element.hasSuffix("\n") { return prefix + element }
        return prefix + element + "\n\\ No newline at end of file\n"
    }

    // MARK: Parsing

    private struct ParsedHunk {
        let oldStart: Int
        let oldCount: Int
        var oldLines: [String] = []
        var newLines: [String] = []
    }

    private static func parse(_ diff: String) throws(UnifiedDiffError) -> [ParsedHunk] {
        let lines = elements(diff)
        var hunks: [ParsedHunk] = []
        var i = 0
        while i < lines.count {
            let text = lines[i]
            guard text.hasPrefix("@@") else { i += 1; continue }  // headers and preamble
            guard let header = parseHeader(text) else { throw .malformedHunkHeader(line: i + 1) }
            var hunk = ParsedHunk(oldStart: header.0, oldCount: header.1)
            var oldSeen = 0, newSeen = 0
            i += 1
            var lastSide: Character = " "
            while i < lines.count, oldSeen < header.1 || newSeen < header.3 || lines[i].hasPrefix("\\") {
                let l = lines[i]
                let body = String(l.dropFirst())
                switch l.first {
                case " ": hunk.oldLines.append(body); hunk.newLines.append(body); oldSeen += 1; newSeen += 1; lastSide = " "
                case "\n", "\r\n": hunk.oldLines.append(l); hunk.newLines.append(l); oldSeen += 1; newSeen += 1; lastSide = " "
                case "-": hunk.oldLines.append(body); oldSeen += 1; lastSide = "-"
                case "+": hunk.newLines.append(body); newSeen += 1; lastSide = "+"
                case "\\": stripNewline(&hunk, side: lastSide)
                default: throw .unexpectedLine(line: i + 1)
                }
                i += 1
            }
            guard oldSeen == header.1, newSeen == header.3 else { throw .hunkLengthMismatch(hunk: hunks.count + 1) }
            hunks.append(hunk)
        }
        return hunks
    }

    /// "\ No newline at end of file" applies to the line just before it.
    private static func stripNewline(_ hunk: inout ParsedHunk, side: Character) {
        func strip(_ lines: inout [String]) {
            guard let last = lines.last, last.hasSuffix("\n") else { return }
            lines[lines.count - 1] = String(last.dropLast())
        }
        switch side {
        case "-": strip(&hunk.oldLines)
        case "+": strip(&hunk.newLines)
        default: strip(&hunk.oldLines); strip(&hunk.newLines)
        }
    }

    /// "@@ -12,5 +12,6 @@ optional text" → (12, 5, 12, 6); a missing count means 1.
    private static func parseHeader(_ line: String) -> (Int, Int, Int, Int)? {
        let parts = line.split(separator: " ")
        guard parts.count >= 4, parts[0] == "@@", parts[3].hasPrefix("@@"),
              parts[1].hasPrefix("-"), parts[2].hasPrefix("+"),
              let old = range(parts[1].dropFirst()), let new = range(parts[2].dropFirst()) else { return nil }
        return (old.0, old.1, new.0, new.1)
    }

    private static func range(_ s: Substring) -> (Int, Int)? {
        let bits = s.split(separator: ",", omittingEmptySubsequences: false)
        guard let start = Int(bits[0]), start >= 0 else { return nil }
        if bits.count == 1 { return (start, 1) }
        guard bits.count == 2, let count = Int(bits[1]), count >= 0 else { return nil }
        return (start, count)
    }

    private static func locate(_ needle: [String], in haystack: [String], near expected: Int, from cursor: Int) -> Int? {
        func matches(_ at: Int) -> Bool {
            guard at >= cursor, at + needle.count <= haystack.count else { return false }
            for k in 0..<needle.count where haystack[at + k] != needle[k] { return false }
            return true
        }
        if matches(expected) { return expected }
        var delta = 1
        while expected - delta >= cursor || expected + delta <= haystack.count {
            if matches(expected - delta) { return expected - delta }
            if matches(expected + delta) { return expected + delta }
            delta += 1
        }
        return nil
    }
}
