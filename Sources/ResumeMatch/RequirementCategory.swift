/// What kind of thing a job requirement asks for. Raw values are the `gap.json` spelling.
public enum RequirementCategory: String, Codable, Sendable, CaseIterable {
    case hardSkill = "hard_skill"
    case tool
    case yearsOfExperience = "years_of_experience"
    case education
    case certification
    case domain
    case softSkill = "soft_skill"
}
