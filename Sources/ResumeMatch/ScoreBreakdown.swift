/// The match score with every input it was computed from, so users can check the arithmetic.
///
/// score = round(100 × earned weight ÷ total weight); each requirement (or group of
/// alternatives) weighs 2 if must-have, 1 if nice-to-have; supported earns its full weight,
/// partial half, missing nothing.
public struct ScoreBreakdown: Codable, Sendable, Equatable {
    public var score: Int
    public var formula: String
    public var mustWeight: Int
    public var niceWeight: Int
    public var partialCredit: Double
    public var earnedWeight: Double
    public var totalWeight: Int
    /// Scored units: a requirement, or a group of alternatives counted once.
    public var units: Int
    public var mustHave: StatusCounts
    public var niceToHave: StatusCounts

    /// How many requirements of one priority got each status.
    public struct StatusCounts: Codable, Sendable, Equatable {
        public var supported: Int
        public var partial: Int
        public var missing: Int

        public init(supported: Int = 0, partial: Int = 0, missing: Int = 0) {
            self.supported = supported
            self.partial = partial
            self.missing = missing
        }
    }

    enum CodingKeys: String, CodingKey {
        case score, formula, units
        case mustWeight = "must_weight"
        case niceWeight = "nice_weight"
        case partialCredit = "partial_credit"
        case earnedWeight = "earned_weight"
        case totalWeight = "total_weight"
        case mustHave = "must_have"
        case niceToHave = "nice_to_have"
    }

    static let formulaText =
        "score = round(100 × earned_weight / total_weight); must-have weight 2, nice-to-have weight 1; "
        + "supported earns the full weight, partial half, missing 0; alternatives (\"X or Y\") count once, at their best status"

    /// Scores a list of verdicts.
    static func compute(_ requirements: [RequirementMatch]) -> ScoreBreakdown {
        var units: [String: (weight: Int, credit: Double)] = [:]
        var must = StatusCounts()
        var nice = StatusCounts()
        for r in requirements {
            let key = r.anyOfGroup.map { "group:\($0)" } ?? "req:\(r.id)"
            let old = units[key] ?? (0, 0)
            units[key] = (max(old.weight, r.priority.weight), max(old.credit, r.status.credit))
            if r.priority == .must { must.add(r.status) } else { nice.add(r.status) }
        }
        let total = units.values.reduce(0) { $0 + $1.weight }
        let earned = units.values.reduce(0.0) { $0 + Double($1.weight) * $1.credit }
        let score = total == 0 ? 0 : Int((100 * earned / Double(total)).rounded())
        return ScoreBreakdown(
            score: score, formula: formulaText, mustWeight: 2, niceWeight: 1, partialCredit: 0.5,
            earnedWeight: earned, totalWeight: total, units: units.count, mustHave: must, niceToHave: nice)
    }
}

extension ScoreBreakdown.StatusCounts {
    mutating func add(_ status: MatchStatus) {
        switch status {
        case .supported: supported += 1
        case .partial: partial += 1
        case .missing: missing += 1
        }
    }
}
