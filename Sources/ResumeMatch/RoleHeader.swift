import Foundation

/// "### Senior Software Engineer — Parcelwise, Seattle, WA": a job title and an employer.
///
/// Recognised from a Markdown `###` line or a plain line joining two parts with an em dash,
/// " | ", " at " or " @ ". Used by `TruthGuard` to spot invented titles and employers.
struct RoleHeader: Sendable, Equatable {
    let title: String
    let employer: String?

    init?(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("###") else { return nil }
        let body = ResumeText.stripMarkup(trimmed)
        guard !body.isEmpty else { return nil }
        for separator in [" — ", " – ", " | ", " at ", " @ ", " - ", ", "] {
            guard let range = body.range(of: separator) else { continue }
            title = String(body[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            let rest = body[range.upperBound...]
            let employerPart = rest.split(separator: ",", maxSplits: 1).first.map(String.init) ?? String(rest)
            employer = employerPart.trimmingCharacters(in: .whitespaces)
            return
        }
        title = body
        employer = nil
    }
}
