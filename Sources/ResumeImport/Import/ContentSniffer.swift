import ResumeKit
import Foundation

/// Tells what a file really is from its first bytes, whatever its name says.
enum ContentSniffer {
    enum Kind: Equatable {
        case pdf
        /// A ZIP archive (DOCX is one; whether it holds `word/document.xml` is checked on opening).
        case zip
        case text
        /// Legacy Word, images, executables, random bytes.
        case binary(String)
    }

    static func sniff(_ data: Data) -> Kind {
        let head = data.prefix(1024)
        // PDF readers accept the header anywhere in the first KiB; so do we.
        if let range = head.range(of: Data("%PDF-".utf8)), range.lowerBound - head.startIndex < 1024 { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .binary("legacy Office document (.doc)") }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: [0xFF, 0xD8, 0xFF]) { return .binary("image") }
        if head.starts(with: Data("{\\rtf".utf8)) { return .binary("RTF document") }
        return looksLikeText(data) ? .text : .binary("binary data")
    }

    /// Valid UTF-8 (or UTF-16 with a BOM) without control characters other than whitespace.
    static func looksLikeText(_ data: Data) -> Bool {
        guard let text = TextDecoding.decode(data) else { return false }
        let sample = text.unicodeScalars.prefix(8192)
        let controls = sample.filter { $0.value < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C].contains($0.value) }.count
        return controls == 0
    }
}

/// Text bytes to `String`: UTF-8 (with or without BOM), or UTF-16 with a BOM.
enum TextDecoding {
    static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16)
        }
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        return String(validating: body, as: UTF8.self)
    }
}
