import Foundation

/// Splits one line into `Token`s on word boundaries.
///
/// Letters and digits make words; hyphens, slashes and dots split them ("time-series" →
/// time, series; "CI/CD" → ci, cd), so aliases are written the same way and both spellings
/// meet. A few technical spellings survive intact: "C++", "C#", ".NET", "R&D", "P&L".
/// A possessive "'s" is dropped so "Bachelor's" is "bachelor".
///
/// Works on Unicode scalars (offsets and lengths too: quote with `Tokenizer.quote`), which is
/// several times faster than Characters and splits the same way for the scripts resumes use.
enum Tokenizer {
    static func tokenize(_ line: String) -> [Token] {
        var reader = ByteReader(Array(line.utf8))
        var tokens: [Token] = []
        var wordStart = -1
        var wordStartScalar = 0
        var wordScalars = 0
        var gap = String.UnicodeScalarView()
        var sentenceStart = true

        func flush() {
            guard wordStart >= 0 else { return }
            let bytes = reader.bytes[wordStart..<reader.position]
            let raw = String(decoding: bytes, as: UTF8.self)
            let shape = Shape(bytes: bytes, raw: raw)
            let lower = shape.ascii ? raw.lowercased() : normalize(raw)
            tokens.append(Token(
                raw: raw, lower: lower, key: shape.hasLower ? TermKey.of(lower) : lower,
                gapBefore: String(gap), offset: wordStartScalar, length: wordScalars, isSentenceStart: sentenceStart,
                isNumeric: shape.digits == shape.count, isAlphabetic: shape.letters == shape.count,
                isCapitalized: shape.firstUpper,
                isAcronym: shape.count >= 2 && shape.letters > 0 && !shape.hasLower,
                isMixedCase: shape.upperAfterFirst && shape.hasLower))
            wordStart = -1
            wordScalars = 0
            gap = String.UnicodeScalarView()
            sentenceStart = false
        }

        func extendWord() {
            if wordStart < 0 {
                wordStart = reader.position
                wordStartScalar = reader.scalarIndex
            }
            wordScalars += 1
            reader.advance()
        }

        while let c = reader.current {
            let next = reader.peek(1)
            if isWordScalar(c) {
                extendWord()
            } else if isApostrophe(c), wordStart >= 0, next == "s" || next == "S", !(reader.peek(2).map(isWordScalar) ?? false) {
                // Possessive: "Bachelor's" reads as "bachelor".
                flush()
                reader.advance()
                reader.advance()
            } else if c == "+" || c == "#", wordStart >= 0, wordScalars <= 2,
                      reader.bytes[wordStart] < 0x80, isLetter(Unicode.Scalar(reader.bytes[wordStart])) {
                extendWord()  // C++, C#, F#
            } else if c == "&", wordStart >= 0, wordScalars <= 3, next.map(isLetter) == true {
                extendWord()  // R&D, P&L, M&A, FP&A
            } else if c == ".", wordStart < 0, next.map(isLetter) == true, !(reader.previous.map(isWordScalar) ?? false),
                      reader.followedByWord("net") {
                extendWord()  // .NET
            } else {
                flush()
                gap.append(c)
                if ".!?:;•·".unicodeScalars.contains(c), next == nil || next == " " || c == "•" || c == "·" {
                    sentenceStart = true
                }
                reader.advance()
            }
        }
        flush()
        return tokens
    }

    /// Walks UTF-8 bytes scalar by scalar, counting scalars for token offsets.
    private struct ByteReader {
        let bytes: [UInt8]
        private(set) var position = 0
        private(set) var scalarIndex = 0
        private(set) var previous: Unicode.Scalar?

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var current: Unicode.Scalar? { scalar(at: position)?.0 }

        /// The scalar `n` scalars ahead of the current one.
        func peek(_ n: Int) -> Unicode.Scalar? {
            var at = position
            for _ in 0..<n {
                guard let (_, length) = scalar(at: at) else { return nil }
                at += length
            }
            return scalar(at: at)?.0
        }

        mutating func advance() {
            guard let (scalar, length) = scalar(at: position) else { return }
            previous = scalar
            position += length
            scalarIndex += 1
        }

        /// The next scalars after the current one spell `word` (ASCII, any case) and end a word.
        func followedByWord(_ word: String) -> Bool {
            let w = Array(word.utf8)
            let from = position + 1
            guard from + w.count <= bytes.count else { return false }
            for k in 0..<w.count where bytes[from + k] | 0x20 != w[k] { return false }
            let after = from + w.count
            return after == bytes.count || !(scalar(at: after).map { Tokenizer.isWordScalar($0.0) } ?? false)
        }

        func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
            guard i < bytes.count else { return nil }
            let b = bytes[i]
            if b < 0x80 { return (Unicode.Scalar(b), 1) }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            guard i + length <= bytes.count else { return (Unicode.Scalar(0xFFFD)!, 1) }
            var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
            return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, length)
        }
    }

    /// Letter, digit and case counts of a word, read once (bytes for ASCII, scalars otherwise).
    private struct Shape {
        var count = 0, letters = 0, digits = 0
        var hasLower = false, firstUpper = false, upperAfterFirst = false
        var ascii = true

        init(bytes: ArraySlice<UInt8>, raw: String) {
            if bytes.allSatisfy({ $0 < 0x80 }) {
                for (i, b) in bytes.enumerated() {
                    count += 1
                    let upper = b >= 65 && b <= 90, lower = b >= 97 && b <= 122
                    if upper || lower { letters += 1 } else if b >= 48 && b <= 57 { digits += 1 }
                    if lower { hasLower = true }
                    if upper { if i == 0 { firstUpper = true } else { upperAfterFirst = true } }
                }
                return
            }
            ascii = false
            for (i, scalar) in raw.unicodeScalars.enumerated() {
                let p = scalar.properties
                count += 1
                if p.isAlphabetic { letters += 1 } else if p.numericType != nil { digits += 1 }
                if p.isLowercase { hasLower = true }
                if p.isUppercase { if i == 0 { firstUpper = true } else { upperAfterFirst = true } }
            }
        }
    }

    /// The text a token range covers in `line`, exactly as written.
    static func quote(_ line: String, _ tokens: [Token], _ range: Range<Int>) -> String {
        guard !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        let scalars = Array(line.unicodeScalars)
        let lo = tokens[range.lowerBound].offset
        let hi = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        guard lo < hi, hi <= scalars.count else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    /// Lower-case without diacritics, so "conciliación" meets "conciliaciones" and "Inglés"
    /// meets "ingles". ASCII words (most of them) skip the costly folding.
    static func normalize(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.lowercased().folding(options: .diacriticInsensitive, locale: nil)
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") }
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) : c.properties.isAlphabetic
    }

    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "’" }

}
