import Foundation

/// Where the flow writes what the person reads.
public protocol TextOutput {
    /// Writes `text` as is (no newline is added) and makes it visible at once, so a prompt
    /// appears before the flow waits for an answer.
    func write(_ text: String)
}

extension TextOutput {
    /// Writes `text` and a newline.
    public func line(_ text: String = "") {
        write(text + "\n")
    }
}

/// Writes to a file handle (standard output or standard error), unbuffered.
public struct FileHandleOutput: TextOutput {
    private let handle: FileHandle

    public init(_ handle: FileHandle) {
        self.handle = handle
    }

    public static var standardOutput: FileHandleOutput { FileHandleOutput(.standardOutput) }
    public static var standardError: FileHandleOutput { FileHandleOutput(.standardError) }

    public func write(_ text: String) {
        // A closed pipe is not worth a crash report; the exit code still tells.
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// Collects everything written, for tests and for callers that show it elsewhere.
public final class CapturedOutput: TextOutput {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) {
        self.text += text
    }
}
