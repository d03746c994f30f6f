/// How a recruiter reads one sentence of a posting that no heading explains away: does it ask
/// something of the candidate or describe the job, or is the employer describing itself?
///
/// Postings mix the two freely, most of all general ones written as unheaded paragraphs: "We
/// connect banks, businesses and consumers via an international network facilitating digital
/// payments." names banking and payments without asking for either, while "You have experience
/// with payment systems" does. A sentence describes the employer when it neither addresses the
/// candidate ("you", "the candidate", "applicants"), nor names the job ("the position", "your
/// tasks"), nor uses the wording of a requirement ("experience", "knowledge of", "degree",
/// "must", "ideally"). From such a sentence only the stack survives: a known tool the employer
/// works with ("We build on Kotlin and Kafka") is what the job will use.
enum SentenceReading: Sendable, Equatable {
    case asksOfCandidate
    case describesEmployer
    /// What the job offers: "opportunities for personal development", "we offer training".
    case offersToCandidate

    /// Short lines (list items, "Python, Django") are read by their part alone.
    static let minimumWords = 8

    /// - Parameter startsWithName: the first word is the posting's own name for the employer,
    ///   a person or a place ("Northwind Logistics is…").
    static func of(_ tokens: [Token], startsWithName: Bool = false) -> SentenceReading {
        if offers(tokens) { return .offersToCandidate }
        guard tokens.count >= minimumWords else { return .asksOfCandidate }
        // The employer speaks as a subject ("We…", "Our…", "The company…", "Northwind is…");
        // a sentence opening with a verb is a duty ("Perform security reviews…").
        guard startsWithName || subjects.contains(tokens[0].lower) else { return .asksOfCandidate }
        for (k, t) in tokens.enumerated() {
            if candidateWords.contains(t.lower) || requirementWords.contains(t.lower) || jobWords.contains(t.lower) {
                return .asksOfCandidate
            }
            // "he/she", "s/he": the candidate in the third person.
            if t.lower == "she", k > 0, tokens[k - 1].lower == "he" { return .asksOfCandidate }
        }
        return .describesEmployer
    }

    /// "We offer …", "Opportunities for …" opening a sentence: the job's offer, not its demands.
    /// Further in, "the opportunity to work with Kafka" is as often a duty.
    private static func offers(_ tokens: [Token]) -> Bool {
        guard tokens.count >= 2 else { return false }
        for k in 1..<min(tokens.count, 4) {
            let pair = (tokens[k - 1].lower, tokens[k].lower)
            if offerPairs.contains(where: { $0 == pair }) { return true }
        }
        return false
    }

    private static let offerPairs: [(String, String)] = [
        ("we", "offer"), ("we", "provide"), ("offers", "you"), ("offer", "you"), ("you", "get"), ("will", "get"),
        ("ll", "get"), ("opportunity", "to"), ("opportunities", "for"), ("opportunities", "to"), ("possibility", "to"),
        ("possibilities", "for"), ("chance", "to"), ("wir", "bieten"), ("nous", "offrons"), ("we", "bieden"),
    ]

    /// Words a self-description opens with: a pronoun, a determiner or a framing preposition.
    static let subjects: Set<String> = [
        "we", "our", "us", "the", "this", "these", "those", "it", "its", "they", "their", "a", "an", "at", "with", "as",
        "founded", "since", "today", "together", "here", "there", "over", "through", "by", "from", "for", "while",
        "besides", "most", "many", "each", "all", "every", "both", "some", "one", "in", "wir", "unser", "unsere", "nous",
        "notre", "nos", "nosotros", "nuestro", "nuestra", "nós", "nosso", "nossa", "wij", "ons", "onze",
    ]

    /// The candidate, addressed or named (English, German, French, Spanish, Portuguese, Dutch).
    static let candidateWords: Set<String> = [
        "you", "your", "yours", "yourself", "candidate", "candidates", "applicant", "applicants", "newcomer",
        "du", "dich", "dir", "dein", "deine", "deinen", "deiner", "vous", "votre", "vos", "tu", "tus", "usted", "você",
        "voce", "seu", "sua", "jij", "jouw", "je",
    ]

    /// Wording that states a requirement.
    static let requirementWords: Set<String> = [
        "experience", "experienced", "knowledge", "knowledgeable", "skill", "skills", "skilled", "degree", "degrees",
        "qualification", "qualifications", "qualified", "proficiency", "proficient", "familiar", "familiarity",
        "ability", "able", "required", "require", "requires", "requirement", "requirements", "must", "should",
        "expect", "expected", "looking", "seeking", "seek", "seeks", "need", "needs", "ideally", "preferably",
        "preferred", "plus", "advantage", "advantageous", "background", "understanding", "expertise", "fluent",
        "fluency", "certified", "certification", "license", "licence", "bachelor", "master", "msc", "bsc", "mba",
        "diploma", "education", "mandatory", "essential", "desirable", "erfahrung", "kenntnisse", "expérience",
        "connaissances", "experiencia", "conocimientos", "experiência", "conhecimento", "ervaring", "kennis",
    ]

    /// Words that name the job itself: a sentence about them describes the work.
    static let jobWords: Set<String> = [
        "position", "role", "job", "tasks", "task", "duties", "responsibilities", "responsibility", "responsible",
        "hire", "hiring", "recruit", "recruiting", "colleague", "postdoc", "student", "trainee", "intern",
        "internship", "appointee",
    ]
}
