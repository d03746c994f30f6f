/// One word of a line, in the three forms matching needs.
///
/// `raw` keeps the original spelling for case-sensitive aliases ("Go", "Excel") and for quoting;
/// `lower` is for case-insensitive comparison; `key` (plural folded, see `TermKey`) is what
/// terms and evidence are matched on; `stem` is a looser form used only where meeting inflections
/// is harmless (the truth guard's "was this word in the original"). `gapBefore` is the punctuation and space between the previous token and this one: the
/// extractor splits phrases on it and the date parser reads dashes and slashes from it.
struct Token: Sendable, Equatable {
    let raw: String
    let lower: String
    let key: String
    let gapBefore: String
    /// Character offset of the token in its line, so a match can be quoted exactly.
    let offset: Int
    let length: Int
    /// First word of a sentence or bullet: capitalisation there says nothing about names.
    let isSentenceStart: Bool

    /// Computed on demand: only the truth guard asks, and stemming every word costs.
    var stem: String { Stemmer.stem(lower) }

    /// Every character a digit.
    let isNumeric: Bool
    /// Every character a letter.
    let isAlphabetic: Bool
    /// "Snowflake", "PostgreSQL", "EKS": starts upper-case.
    let isCapitalized: Bool
    /// "EKS", "CRRT", "S3": every letter upper-case and at least two characters.
    let isAcronym: Bool
    /// "PyTorch", "iOS", "gRPC": an upper-case letter after the first character, mixed with lower.
    let isMixedCase: Bool
}
