import ResumeMatch

/// What a proposal, made against the original resume, does to the resume as it is now.
///
/// Proposals are made against the original, and earlier accepted changes may have moved or
/// touched the lines a later diff expects. The diff is applied with `UnifiedDiff.apply` (which
/// finds moved hunks); if its context no longer matches, the proposal's own replacement
/// (`oldText` → `newText`) is used when those exact lines are still there, at `startLine` or at
/// one unambiguous place. Otherwise the proposal conflicts and is skipped, never half-applied.
enum ProposalPatch: Equatable {
    /// The whole resume with the change made; `rebased` when the diff itself did not apply.
    case applies(String, rebased: Bool)
    case conflict

    init(_ proposal: EditProposal, current: String) {
        if let patched = try? UnifiedDiff.apply(proposal.diff, to: current) {
            self = .applies(patched, rebased: false)
        } else if let replaced = Self.replace(proposal, in: current) {
            self = .applies(replaced, rebased: true)
        } else {
            self = .conflict
        }
    }

    private static func replace(_ proposal: EditProposal, in current: String) -> String? {
        let separator = current.contains("\r\n") ? "\r\n" : "\n"
        var lines = current.components(separatedBy: separator)
        let old = proposal.oldText.components(separatedBy: "\n")
        let new = proposal.newText.components(separatedBy: "\n")
        guard !proposal.oldText.isEmpty, old.count <= lines.count else { return nil }
        let matches = (0...(lines.count - old.count)).filter { Array(lines[$0..<($0 + old.count)]) == old }
        let expected = proposal.startLine - 1
        guard let at = matches.contains(expected) ? expected : (matches.count == 1 ? matches[0] : nil) else { return nil }
        lines.replaceSubrange(at..<(at + old.count), with: new)
        return lines.joined(separator: separator)
    }
}
