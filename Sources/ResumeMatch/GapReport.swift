import Foundation

/// The gap analysis of one resume against one job description: written to `analysis/gap.json`
/// (see `jsonData()`) and rendered to `analysis/gap.md` (see `markdown`).
///
/// Keys are snake_case and spelled out in `CodingKeys`, so the file format does not depend on
/// the encoder's settings. Bump `schemaVersion` on any incompatible change.
public struct GapReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The month treated as "present" when reading open date ranges ("2024-06").
    public var asOf: String
    public var score: ScoreBreakdown
    /// Must-haves first, then nice-to-haves, each in job-description order.
    public var requirements: [RequirementMatch]
    public var experience: ExperienceSummary
    public var suggestions: [Suggestion]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case asOf = "as_of"
        case score, requirements, experience, suggestions
    }

    /// Pretty-printed JSON with sorted keys: byte-identical for identical input.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes a report written by `jsonData()`.
    public static func decode(from data: Data) throws -> GapReport {
        try JSONDecoder().decode(GapReport.self, from: data)
    }

    /// Requirements of one status.
    public func requirements(_ status: MatchStatus) -> [RequirementMatch] {
        requirements.filter { $0.status == status }
    }
}
