/// Colours a unified diff for the terminal: removed lines red, added lines green, hunk headers
/// cyan, file headers bold. With a plain style the diff comes back unchanged, so what a pipe or
/// a test reads is the diff itself.
public struct DiffPrinter: Sendable {
    public let style: TerminalStyle

    public init(style: TerminalStyle) {
        self.style = style
    }

    /// The coloured diff; ends with a newline when the diff is not empty.
    public func render(_ diff: String) -> String {
        guard !diff.isEmpty else { return "" }
        var lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map(colour).joined(separator: "\n") + "\n"
    }

    private func colour(_ line: String) -> String {
        if line.hasPrefix("--- ") || line.hasPrefix("+++ ") { return style.bold(line) }
        if line.hasPrefix("@@") { return style.cyan(line) }
        if line.hasPrefix("-") { return style.red(line) }
        if line.hasPrefix("+") { return style.green(line) }
        if line.hasPrefix("\\") { return style.dim(line) }
        return line
    }
}
