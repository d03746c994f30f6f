/// How much the job description insists on a requirement.
public enum RequirementPriority: String, Codable, Sendable, Comparable {
    /// Listed under requirements/must-have, or marked "required".
    case must
    /// Listed under nice-to-have/preferred, marked "a plus", or implied only by the duties.
    case nice

    /// Weight in the score: a must-have counts twice.
    public var weight: Int { self == .must ? 2 : 1 }

    public static func < (lhs: RequirementPriority, rhs: RequirementPriority) -> Bool {
        lhs == .nice && rhs == .must
    }
}
