/// Exit statuses of `resume-agent tailor`, from sysexits(3) so scripts can tell causes apart.
public enum TailorExitCode: Int32, Sendable {
    case success = 0
    /// Bad flags or arguments (EX_USAGE).
    case usage = 64
    /// A file that is not a usable resume or job description (EX_DATAERR).
    case dataError = 65
    /// An input file that does not exist or cannot be read (EX_NOINPUT).
    case noInput = 66
    /// A job-description URL, while the CLI has no fetcher (EX_UNAVAILABLE).
    case unavailable = 69
    /// Proposals or exports could not be produced (EX_SOFTWARE).
    case software = 70
    /// The output directory could not be written (EX_IOERR).
    case ioError = 74
}
