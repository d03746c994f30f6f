import Contract
/// What the person asks the local model for, read from their message by keywords in the
/// languages resumes commonly come in. The local model cannot understand free text; it maps a
/// message to one of the journeys it can drive, and explains itself for anything else.
enum LocalIntent: Equatable, Sendable {
    /// Compare the resume with the job (gap analysis).
    case analyze
    /// Propose truthful edits (analysing first when needed).
    case tailor
    /// Export the resume in one format.
    case export(format: ExportFormat)
    /// Anything else: answer with what it can do.
    case help

    /// Stems that ask for a rewrite: English, Spanish, Portuguese, French, German, Italian.
    static let tailorWords = [
        "tailor", "rewrite", "re-write", "improve", "optimi", "adapt", "edit", "revise", "tweak", "polish", "customi",
        "reescrib", "mejor", "ajust", "reescrev", "melhor", "réécri", "reecri", "amélior", "ameli", "überarbeit",
        "umschreib", "verbesser", "anpass", "riscriv", "miglior", "personaliz",
    ]
    /// Stems that ask for an analysis.
    static let analyzeWords = [
        "analy", "analis", "analiz", "gap", "match", "score", "compar", "fit", "missing", "evaluat", "assess", "review",
        "brecha", "lacuna", "écart", "ecart", "lücke", "abgleich", "passt", "punteggio", "puntuaci", "pontua",
    ]
    static let exportWords = ["export", "download", "descarg", "baixar", "télécharg", "herunterlad", "scaric"]

    init(message: String) {
        let text = message.lowercased()
        func mentions(_ words: [String]) -> Bool { words.contains { text.contains($0) } }
        if mentions(Self.tailorWords) {
            self = .tailor
        } else if mentions(Self.exportWords) {
            self = .export(format: Self.format(in: text))
        } else if mentions(Self.analyzeWords) {
            self = .analyze
        } else {
            self = .help
        }
    }

    /// The export format a message names (by any of its spoken names); PDF when it names none.
    private static func format(in text: String) -> ExportFormat {
        ExportFormat.allCases.first { format in format.spokenNames.contains { text.contains($0) } } ?? .pdf
    }
}
