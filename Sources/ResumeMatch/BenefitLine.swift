/// Whether a line under a requirements heading is in fact a benefit ("Private health insurance",
/// "Meal allowance", "life insurance"). Postings often run their perks on below the
/// requirements with no heading of their own; a recruiter reads them as the offer and lists no
/// "insurance" requirement from them. A line that asks for something ("experience in the
/// insurance industry", "knowledge of pension schemes") is not a benefit.
enum BenefitLine {
    static func isBenefit(_ tokens: [Token]) -> Bool {
        guard tokens.contains(where: { benefitWords.contains($0.lower) }) else { return false }
        return !tokens.contains { askingWords.contains($0.lower) }
    }

    /// Nouns of an offer. "Bonus" is not among them: "Kafka is a bonus" asks for Kafka.
    private static let benefitWords: Set<String> = [
        "insurance", "allowance", "allowances", "pension", "pensions", "vacation", "holidays", "salary", "salaries",
        "gym", "lunch", "lunches", "meal", "meals", "discount", "discounts", "perks", "perk", "reimbursement",
        "wellness", "parking", "canteen", "stipend", "sabbatical", "childcare", "fruit", "snacks", "massage",
    ]

    /// Words that ask something of the candidate.
    private static let askingWords: Set<String> = [
        "experience", "experienced", "knowledge", "knowledgeable", "understanding", "background", "degree",
        "familiarity", "familiar", "proficiency", "proficient", "expertise", "ability", "able", "know", "skills",
        "skill", "worked", "working", "qualification", "qualifications", "certified", "certification", "industry",
        "domain", "sector",
    ]
}
