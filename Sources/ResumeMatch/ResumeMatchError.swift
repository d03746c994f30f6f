/// Errors thrown by ResumeMatch. Analysis itself never throws: any text is valid input.
public enum ResumeMatchError: Error, Sendable, Equatable {
    /// The lexicon resource is missing from the bundle.
    case lexiconMissing
    /// The lexicon JSON does not decode; the message names the first problem.
    case lexiconUnreadable(String)
}
