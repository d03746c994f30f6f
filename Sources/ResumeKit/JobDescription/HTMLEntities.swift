/// HTML character references: numeric (`&#8211;`, `&#x2013;`) and the named ones job pages use.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";"),
               let decoded = decodeReference(text[text.index(after: index)..<semicolon]) {
                output += decoded
                index = text.index(after: semicolon)
            } else {
                output.append(character)
                index = text.index(after: index)
            }
        }
        return output
    }

    private static func decodeReference(_ reference: Substring) -> String? {
        if reference.hasPrefix("#") {
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            // NUL and surrogates are not characters; the replacement character stands in, as browsers do.
            guard let value else { return nil }
            return String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}")
        }
        return named[String(reference)]
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "bull": "•", "middot": "·",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "times": "×", "divide": "÷", "deg": "°", "plusmn": "±", "laquo": "«", "raquo": "»", "shy": "",
        "zwj": "", "zwnj": "", "thinsp": " ", "ensp": " ", "emsp": " ", "eacute": "é", "egrave": "è",
        "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "ccedil": "ç",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "atilde": "ã",
        "otilde": "õ", "ecirc": "ê", "acirc": "â", "ocirc": "ô", "Eacute": "É",
    ]
}
