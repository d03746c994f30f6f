#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI colouring for terminal output, or none at all.
///
/// Colour is on only when standard output is a terminal, `--no-color` was not given and
/// `NO_COLOR` is unset or empty (https://no-color.org), and `TERM` is not `dumb`: escape codes in
/// a file or a pipe are noise.
public struct TerminalStyle: Sendable, Equatable {
    /// Whether escape codes are written.
    public var isEnabled: Bool

    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// No escape codes.
    public static let plain = TerminalStyle(isEnabled: false)
    /// ANSI escape codes.
    public static let ansi = TerminalStyle(isEnabled: true)

    /// The style for an output, from the flag, the environment and whether it is a terminal.
    public static func detect(noColorFlag: Bool, environment: [String: String], outputIsTerminal: Bool) -> TerminalStyle {
        guard outputIsTerminal, !noColorFlag else { return .plain }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
        if environment["TERM"] == "dumb" { return .plain }
        return .ansi
    }

    /// Whether this process's standard output is a terminal.
    public static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// For what must not be missed: truthfulness warnings, errors.
    public func alarm(_ text: String) -> String { wrap(text, "1;37;41") }
    public func boldRed(_ text: String) -> String { wrap(text, "1;31") }
    public func boldGreen(_ text: String) -> String { wrap(text, "1;32") }
    public func boldYellow(_ text: String) -> String { wrap(text, "1;33") }

    private func wrap(_ text: String, _ code: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
