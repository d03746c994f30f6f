/// Why a unified diff could not be applied. Positions are 1-based lines of the diff text.
public enum UnifiedDiffError: Error, Sendable, Equatable {
    /// An "@@ -a,b +c,d @@" line that does not parse.
    case malformedHunkHeader(line: Int)
    /// A hunk body line that starts with none of ' ', '-', '+', '\'.
    case unexpectedLine(line: Int)
    /// A hunk whose body has more or fewer lines than its header says.
    case hunkLengthMismatch(hunk: Int)
    /// A hunk whose context and removed lines are not in the text being patched.
    case contextMismatch(hunk: Int)
}
