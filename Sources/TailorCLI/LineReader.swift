/// Where the flow reads the person's answers from, one line at a time.
public protocol LineReader {
    /// The next line without its terminator, or `nil` at end of input.
    func readLine() -> String?
}

/// Reads answers from this process's standard input.
public struct StandardInputReader: LineReader {
    public init() {}

    public func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// Answers given in advance, for scripts and tests; `nil` once they run out.
public final class ScriptedLineReader: LineReader {
    private var lines: [String]

    public init(_ lines: [String]) {
        self.lines = lines
    }

    /// How many answers have not been read.
    public var remaining: Int { lines.count }

    public func readLine() -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
