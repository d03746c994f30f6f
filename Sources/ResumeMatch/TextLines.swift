/// The lines of a text, split on its bytes: splitting a `String` by `Character` walks grapheme
/// clusters and was a noticeable share of an analysis. A "\r" before the "\n" (CRLF text) is
/// dropped; empty lines are kept, so line numbers match the text.
enum TextLines {
    static func split(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes[...]
            return String(decoding: line, as: UTF8.self)
        }
    }
}
