import Foundation

/// Safe download names: `José Müller-Øyen` → `jose-muller-oyen`.
///
/// The name ends up in a `Content-Disposition` header and on a user's disk,
/// so only lowercase ASCII letters, digits and single hyphens survive.
enum FileNameSlug {
    static let maxLength = 64

    static func slug(_ text: String) -> String {
        // ICU transliteration: accents, Ø, ß and non-Latin scripts to ASCII.
        let folded = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if slug.count >= maxLength { break }
        }
        return slug
    }
}
