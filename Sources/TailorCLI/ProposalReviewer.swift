import Foundation
import ResumeMatch

/// Shows each proposal (title, rationale, score before → after, truthfulness flags, coloured
/// diff) and applies the accepted ones, in order, to the resume as it stands.
///
/// Truthfulness is checked here, not taken on trust: every candidate text is run through
/// `TruthGuard` against the *original* resume, and whatever it finds joins the proposal's own
/// flags. Auto-approve applies only proposals with no flag; a person may still accept a flagged
/// one, but only after it has been shown loudly.
struct ProposalReviewer {
    let original: String
    let jobDescription: String
    let now: Date
    let autoApprove: Bool
    let style: TerminalStyle
    let input: any LineReader
    let output: any TextOutput
    let analyzer = GapAnalyzer()

    /// The final text and one decision per proposal.
    func review(_ proposals: [EditProposal]) -> (text: String, decisions: [ProposalDecision]) {
        var current = original
        var currentScore = score(original)
        var currentClaims = Set<String>()
        var decisions: [ProposalDecision] = []
        var stopped = false
        for (index, proposal) in proposals.enumerated() {
            guard !stopped else {
                decisions.append(decision(proposal, .notReviewed))
                continue
            }
            output.line()
            output.line(style.bold("── Change \(index + 1) of \(proposals.count): \(proposal.title)"))
            guard case .applies(let candidate, let rebased) = ProposalPatch(proposal, current: current), candidate != current else {
                output.line(style.yellow("Skipped: this change no longer applies to the resume after the changes already accepted."))
                decisions.append(decision(proposal, .skippedConflict))
                continue
            }
            let flags = truthFlags(proposal, candidate: candidate, known: currentClaims)
            let diff = UnifiedDiff.make(from: current, to: candidate)
            let after = score(candidate)
            show(proposal, flags: flags, diff: diff, before: currentScore, after: after, rebased: rebased)
            let outcome = decide(flagged: !flags.isEmpty)
            decisions.append(decision(proposal, outcome, diff: diff, flags: flags))
            switch outcome {
            case .applied:
                current = candidate
                currentScore = after
                currentClaims = Set(TruthGuard.check(original: original, proposed: current).map(Self.key))
            case .notReviewed:
                stopped = true
            case .rejected, .skippedFlagged, .skippedConflict:
                break
            }
        }
        return (current, decisions)
    }

    // MARK: Showing

    private func show(_ proposal: EditProposal, flags: [TruthFlag], diff: String, before: Int, after: Int, rebased: Bool) {
        output.line("Why: \(proposal.rationale)")
        let delta = after - before
        let change = delta == 0 ? "no change" : (delta > 0 ? "+\(delta)" : "\(delta)")
        output.line("Match score: \(before) → \(after) (\(change))")
        if flags.isEmpty {
            output.line(style.green("Truth check: no claims beyond what your original resume says."))
        } else {
            output.line(style.alarm(" ⚠ TRUTHFULNESS WARNING ") + " "
                + style.boldRed("This change adds \(flags.count) claim(s) your original resume does not support:"))
            for flag in flags {
                output.line(style.boldRed("  ⚠ \(flag.kind.rawValue) \"\(flag.claim)\" (line \(flag.line)): ") + flag.reason)
            }
            output.line(style.boldRed("  Accept it only if every flagged claim is true. Auto-approve never applies it."))
        }
        if rebased {
            output.line(style.dim("(The diff was adjusted to the changes already accepted.)"))
        }
        output.write(DiffPrinter(style: style).render(diff))
    }

    private func decide(flagged: Bool) -> ProposalDecision.Outcome {
        if autoApprove {
            if flagged {
                output.line(style.boldYellow("Skipped: auto-approve never applies a change with unsupported claims."))
                return .skippedFlagged
            }
            output.line(style.green("Applied (auto-approve: no truthfulness flags)."))
            return .applied
        }
        while true {
            output.write(style.bold("Apply this change? [y/N/q] "))
            guard let line = input.readLine() else {
                output.line()
                output.line(style.yellow("No more answers: this and the remaining changes are not applied."))
                return .notReviewed
            }
            switch ReviewAnswer(line) {
            case .apply:
                output.line(style.green("Applied."))
                return .applied
            case .skip:
                output.line("Not applied.")
                return .rejected
            case .quit:
                output.line(style.yellow("Stopped reviewing: the remaining changes are not applied."))
                return .notReviewed
            case nil:
                output.line("Please answer y (apply), n (do not apply) or q (stop reviewing).")
            }
        }
    }

    // MARK: Checks

    /// The proposal's own flags plus the claims `TruthGuard` finds in `candidate` that were not
    /// already in the current text (a flagged change the person accepted is not re-flagged).
    private func truthFlags(_ proposal: EditProposal, candidate: String, known: Set<String>) -> [TruthFlag] {
        var flags = proposal.truthFlags
        var seen = Set(flags.map(Self.key))
        for flag in TruthGuard.check(original: original, proposed: candidate) {
            let key = Self.key(flag)
            guard !known.contains(key), seen.insert(key).inserted else { continue }
            flags.append(flag)
        }
        return flags
    }

    private static func key(_ flag: TruthFlag) -> String {
        "\(flag.kind.rawValue)|\(flag.claim.lowercased())"
    }

    private func score(_ text: String) -> Int {
        analyzer.analyze(resume: text, jobDescription: jobDescription, now: now).score.score
    }

    private func decision(
        _ proposal: EditProposal, _ outcome: ProposalDecision.Outcome, diff: String = "", flags: [TruthFlag] = []
    ) -> ProposalDecision {
        ProposalDecision(proposalID: proposal.id, title: proposal.title, outcome: outcome, shownDiff: diff, truthFlags: flags)
    }
}
