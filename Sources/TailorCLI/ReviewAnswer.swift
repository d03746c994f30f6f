/// An answer to "Apply this change? [y/N/q]". Empty means the default, no.
enum ReviewAnswer: Equatable {
    case apply
    case skip
    case quit

    /// `nil` for anything that is not an answer, so the question is asked again.
    init?(_ line: String) {
        switch line.trimmingCharacters(in: .whitespaces).lowercased() {
        case "y", "yes": self = .apply
        case "", "n", "no": self = .skip
        case "q", "quit": self = .quit
        default: return nil
        }
    }
}
