extension StringProtocol {
    /// Without leading and trailing whitespace (Foundation-free, for the hot parsing path).
    var trimmingWhitespace: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}

extension String {
    /// Without trailing `/`, so base URLs join with paths without doubling it.
    var trimmingTrailingSlashes: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
