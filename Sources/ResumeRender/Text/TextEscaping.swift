/// Escaping for every markup language we emit.
///
/// All resume text is untrusted: it may come from an uploaded file or a
/// model. Each writer passes every piece of text through one of these.
enum TextEscaping {
    /// HTML text and attribute values (double-quoted).
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowedInMarkup(scalar) {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// XML 1.0 text and attribute values. Characters XML 1.0 forbids (most C0
    /// controls, U+FFFE/U+FFFF) are dropped: one would make Word refuse the file.
    static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowedInMarkup(scalar) {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Pango markup is GMarkup, which follows XML's rules.
    static func pangoMarkup(_ text: String) -> String {
        xml(text)
    }

    /// XML 1.0's `Char` production (Swift strings never hold surrogates).
    static func isAllowedInMarkup(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x0..<0x20: return false
        case 0x7F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
