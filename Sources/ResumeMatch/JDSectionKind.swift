/// The role of a section in a job description, from its heading.
enum JDSectionKind: String, Sendable, CaseIterable {
    /// Requirements, Must have, What you bring, Qualifications, Requisitos, Anforderungen…
    case must
    /// Nice to have, Bonus, Preferred, Pluses, Deseable, Wünschenswert…
    case nice
    /// Responsibilities, What you will do: the job, which implies skills but ranks below requirements.
    case duties
    /// About us, Benefits, What we offer: never requirements.
    case ignore
    /// Text before the first recognised heading, or under an unknown heading.
    case intro

    /// Order in which heading vocabularies are tried: "Preferred qualifications" is nice, not must.
    static let matchOrder: [JDSectionKind] = [.nice, .must, .duties, .ignore]
}
