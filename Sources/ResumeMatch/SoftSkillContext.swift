/// Whether a soft-skill word in a posting asks for the skill or only describes how the work is
/// organised. "Excellent collaboration skills", "ability to communicate", "mentor engineers" ask
/// for it; "in close collaboration with the sales team", "collaborate with product managers",
/// "collaborative teams", "senior stakeholders", "flexibility with hours" say who the job works
/// with or what the workplace is like, and a reader would not list "collaboration" or
/// "stakeholder management" as a requirement from them.
enum SoftSkillContext {
    static func isAskedFor(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        let before = range.lowerBound > 0 ? tokens[range.lowerBound - 1].lower : ""
        let after = range.upperBound < tokens.count ? tokens[range.upperBound].lower : ""
        // "collaboration and communication skills", "ability to collaborate": stated as a skill.
        let window = tokens[range.lowerBound..<min(tokens.count, range.upperBound + 3)].map(\.lower)
        if window.contains(where: { skillNouns.contains($0) }) { return true }
        if range.lowerBound >= 2, ["ability", "able"].contains(tokens[range.lowerBound - 2].lower), before == "to" {
            return true
        }
        if relations.contains(after) || settings.contains(before) { return false }
        // "collaborative teams", "a collaborative way": the workplace, not the person.
        if range.count == 1, tokens[range.lowerBound].lower.hasSuffix("ive"), !after.isEmpty,
           tokens[range.upperBound].isAlphabetic, !["and", "or"].contains(after) {
            return false
        }
        return true
    }

    private static let skillNouns: Set<String> = ["skills", "skill", "abilities", "ability", "competences", "competencies"]
    /// A soft skill followed by one of these names a relation: "collaboration with", "stakeholders across".
    private static let relations: Set<String> = ["with", "between", "among", "amongst", "across", "within"]
    /// … or preceded by one of these: "in close collaboration", "senior stakeholders", "to stakeholders".
    private static let settings: Set<String> = [
        "in", "close", "closely", "with", "to", "other", "senior", "internal", "external", "key", "relevant", "diverse",
        "different", "various", "our", "all", "many", "local", "global", "business", "the",
    ]
}
