/// Turns the fragments of one row into a ``LayoutLine``: the bullet glyph that starts it, the
/// main text, and the cells after wide gaps. Dotted leaders and template marks are dropped here.
enum LineBuilder {
    static func lines(_ rows: [Row], column: Int) -> [LayoutLine] {
        rows.compactMap { line($0.fragments, column: column) }
    }

    static func line(_ rawFragments: [Fragment], column: Int) -> LayoutLine? {
        var fragments = rawFragments.compactMap(clean)
        // "-项目 1": a dash set against ideographs is a bullet (Chinese text never starts a word
        // with a hyphen); split it off so it reads like any other bullet.
        if let word = fragments.first?.words.first, word.text.count >= 2, let dash = word.text.first,
           "-–•·".contains(dash), isIdeograph(word.text.dropFirst().first) {
            var glyph = word
            glyph.text = String(dash)
            var rest = word
            rest.text = String(word.text.dropFirst())
            fragments[0] = Fragment(words: [glyph, rest] + fragments[0].words.dropFirst())
        }
        guard let firstFragment = fragments.first, let first = firstFragment.words.first else { return nil }
        var bullet: String?
        let rest = fragments.flatMap(\.words).dropFirst().map(\.text).joined(separator: " ")
        // An icon before an email or a phone number is decoration, not a list.
        if GlyphText.isTemplateMark(first.text), HeaderBlock.looksLikeContact(rest) {
            fragments[0].words.removeFirst()
            if fragments[0].words.isEmpty { fragments.removeFirst() }
            guard !fragments.isEmpty else { return nil }
        } else if isBulletGlyph(first.text), firstFragment.words.count > 1 || fragments.count > 1 {
            bullet = first.text
            if firstFragment.words.count > 1 {
                fragments[0].words.removeFirst()
            } else {
                fragments.removeFirst()
            }
        }
        guard let main = fragments.first, let textStart = main.words.first else { return nil }
        // A line of nothing but punctuation (":" left behind by an icon's hidden label) says nothing.
        guard bullet != nil || fragments.count > 1 || main.words.contains(where: { $0.text.contains { $0.isLetter || $0.isNumber } }) else {
            return nil
        }
        let mainWords = main.words
        let bodyWords = mainWords.filter { $0.text.count > 1 || $0.text.first?.isLetter == true }
        let styled = bodyWords.isEmpty ? mainWords : bodyWords
        let allWords = rawFragments.flatMap(\.words)
        return LayoutLine(
            text: join(mainWords), trailing: fragments.dropFirst().map(\.text), bullet: bullet,
            x0: first.x0, y0: allWords.map(\.y0).min() ?? first.y0, x1: main.x1, y1: allWords.map(\.y1).max() ?? first.y1,
            fontSize: styled.map(\.fontSize).max() ?? first.fontSize,
            isBold: styled.allSatisfy(\.isBold), isItalic: styled.allSatisfy(\.isItalic),
            column: column, textX0: textStart.x0, firstWordWidth: textStart.x1 - textStart.x0,
            words: mainWords
        )
    }

    /// Words of a fragment without template marks and dotted leaders; `nil` when nothing is left.
    private static func clean(_ fragment: Fragment) -> Fragment? {
        var words: [PositionedWord] = []
        let dots = fragment.words.map { isDots($0.text) }
        for (index, word) in fragment.words.enumerated() {
            var word = word
            // A lone mark that opens the fragment is the bullet a font could not map ("␣", a
            // Wingdings code point); anywhere else it is an icon and not text.
            if GlyphText.isTemplateMark(word.text) {
                if index == 0 && fragment.words.count > 1 { words.append(word) }
                continue
            }
            // "Vocational. . . . . ." — dots set apart one by one fill the line: a leader. The
            // period glued to the word before it is the leader's first dot.
            if dots[index], word.text.count >= 3 || isInRun(dots, index) {
                if let last = words.indices.last, words[last].text.hasSuffix("."), index > 0, !dots[index - 1] {
                    words[last].text.removeLast()
                }
                continue
            }
            word.text = strippingLeader(GlyphText.strippingMarks(word.text))
            if word.text.isEmpty { continue }
            words.append(word)
        }
        return words.isEmpty ? nil : Fragment(words: words)
    }

    private static func isDots(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 == "." || $0 == "·" || $0 == "…" }
    }

    /// Part of three or more dot words in a row.
    private static func isInRun(_ dots: [Bool], _ index: Int) -> Bool {
        var start = index, end = index
        while start > 0 && dots[start - 1] { start -= 1 }
        while end < dots.count - 1 && dots[end + 1] { end += 1 }
        return end - start >= 2
    }

    private static func strippingLeader(_ text: String) -> String {
        // "Vocational......" → "Vocational"; "etc." and "..." after a word stay.
        guard text.count > 4, text.hasSuffix("...."), let last = text.lastIndex(where: { $0 != "." }) else { return text }
        return String(text[...last])
    }

    /// A glyph that opens a list item: the usual bullets, a dash, template marks, or a single
    /// symbol a template font maps oddly ("{" for moderncv's circle in some fonts).
    static func isBulletGlyph(_ text: String) -> Bool {
        if GlyphText.isTemplateMark(text) { return true }
        guard text.count == 1, let character = text.first else { return false }
        if BulletGlyphs.glyphs.contains(character) { return true }
        return "{}°◯⦁⚫⚪❖❯›»✦✧★☆".contains(character)
    }

    /// Words joined with spaces, except between ideographs set close together (Chinese and
    /// Japanese are written without spaces; a PDF may still split them into separate words).
    static func join(_ words: [PositionedWord]) -> String {
        var output = ""
        for (index, word) in words.enumerated() {
            if index > 0 {
                let previous = words[index - 1]
                let gap = word.x0 - previous.x1
                let ideographs = isIdeograph(previous.text.last) || isIdeograph(word.text.first)
                if !(ideographs && gap < max(word.fontSize, 1) * 0.2) { output += " " }
            }
            output += word.text
        }
        return output
    }

    static func isIdeograph(_ character: Character?) -> Bool {
        guard let scalar = character?.unicodeScalars.first else { return false }
        return (0x3000...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
            || (0xAC00...0xD7AF).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
    }
}
