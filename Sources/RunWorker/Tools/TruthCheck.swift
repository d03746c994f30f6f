import IPC
import ResumeMatch

/// Truth flags for a proposed resume text, against the first imported version.
enum TruthCheck {
    /// The gateway keeps the first imported resume here, so edits are always judged against
    /// what the person actually wrote, not against earlier accepted edits.
    static let originalPath = "resume.original.md"

    /// Flags on the lines this change introduces. A line already present in `current` was
    /// decided on before (approved or imported), so it is not flagged again.
    static func flags(proposed: String, current: String, original: String) -> [TruthFlag] {
        let existing = Set(lines(current))
        return TruthGuard.check(original: original, proposed: proposed).filter {
            !existing.contains($0.lineText.trimmingCharacters(in: .whitespaces))
        }
    }

    /// The original resume (falls back to `current` when the gateway kept none).
    static func original(context: ToolContext, current: String) async throws -> String {
        try await context.readIfPresent(originalPath) ?? current
    }

    static func json(_ flags: [TruthFlag]) -> [JSONValue] {
        flags.map { flag in
            [
                "kind": .string(flag.kind.rawValue), "claim": .string(flag.claim), "line": .number(Double(flag.line)),
                "line_text": .string(flag.lineText), "reason": .string(flag.reason),
            ]
        }
    }

    private static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }
}
