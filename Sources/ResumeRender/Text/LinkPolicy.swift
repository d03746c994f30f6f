import Foundation

/// Which link destinations become live links in exported files.
///
/// Only web, mail and phone links survive. `javascript:`, `data:`, `file:` and
/// relative links render as plain text: they are either an attack (in the
/// preview iframe) or meaningless in a file sent to an employer. Word also
/// refuses to open a package whose hyperlink target is not a valid URI, so
/// survivors are percent-encoded to strict RFC 3986 characters.
enum LinkPolicy {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]
    static let maxLength = 2048

    /// The destination, percent-encoded, if it is safe to emit as a link;
    /// otherwise nil.
    static func safeDestination(_ destination: String) -> String? {
        let trimmed = destination.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= maxLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        let encoded = percentEncoded(trimmed)
        guard let url = URL(string: encoded), let scheme = url.scheme?.lowercased(),
              allowedSchemes.contains(scheme) else { return nil }
        return encoded
    }

    /// RFC 3986 unreserved and reserved characters, plus `%` for escapes the
    /// author already wrote.
    private static let uriCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".unicodeScalars
    )

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if uriCharacters.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            }
        }
        return result
    }
}
