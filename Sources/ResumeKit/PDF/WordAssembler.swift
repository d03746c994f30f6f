import CPoppler

/// Groups poppler's characters into words: a word ends at whitespace, and also where the next
/// character is not next to the previous one (poppler sometimes runs the last word of one column
/// into the first of the next, "EXPERIENCEMY", with no space between them).
///
/// Text that is in the text layer but not visible as such is dropped: alternative text that a
/// template attached to an icon (`\faTrophy`, `email:`) is squeezed into the icon's box, far
/// narrower than its font could print it.
enum WordAssembler {
    static func words(
        _ scalars: [Unicode.Scalar], boxes: UnsafeBufferPointer<PopplerRectangle>, fonts: [PDFTextExtractor.Font?]
    ) -> (words: [PositionedWord], hidden: Int) {
        var words: [PositionedWord] = []
        var hidden = 0
        var current: PositionedWord?
        var characters = 0
        var lastBox: PopplerRectangle?
        func finish() {
            defer { current = nil; characters = 0; lastBox = nil }
            guard let word = current else { return }
            if isHidden(word, characters: characters) {
                hidden += 1
                return
            }
            let text = GlyphText.normalize(word.text)
            guard !text.isEmpty else { return }
            var normalized = word
            normalized.text = text
            words.append(normalized)
        }
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace || scalar.value == 0 {
                finish()
                continue
            }
            let box = boxes[index]
            let font = fonts[index] ?? PDFTextExtractor.Font(size: box.y2 - box.y1, isBold: false, isItalic: false)
            if let last = lastBox, !adjacent(last, box, size: font.size) { finish() }
            // A template mark (an icon, "␣") is never part of a word, however close it sits.
            if let previous = current?.text.unicodeScalars.last, isMark(previous) != isMark(scalar) { finish() }
            if var word = current {
                word.text.unicodeScalars.append(scalar)
                word.fontSize = max(word.fontSize, font.size)
                word.x0 = min(word.x0, box.x1)
                word.x1 = max(word.x1, box.x2)
                word.y0 = min(word.y0, box.y1)
                word.y1 = max(word.y1, box.y2)
                current = word
            } else {
                var word = PositionedWord("", x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2,
                                          fontSize: font.size, isBold: font.isBold, isItalic: font.isItalic)
                word.text.unicodeScalars.append(scalar)
                current = word
            }
            characters += 1
            lastBox = box
        }
        finish()
        return (words, hidden)
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        GlyphText.isPrivateUse(scalar) || scalar == "\u{2423}"
    }

    /// The next character continues the word: on the same line, and not further right than a
    /// third of an em after the previous one (nor far back to the left).
    private static func adjacent(_ previous: PopplerRectangle, _ next: PopplerRectangle, size: Double) -> Bool {
        let previousCenter = (previous.y1 + previous.y2) / 2, nextCenter = (next.y1 + next.y2) / 2
        let height = max(previous.y2 - previous.y1, next.y2 - next.y1, 1)
        guard abs(previousCenter - nextCenter) < height * 0.6 else { return false }
        let gap = next.x1 - previous.x2
        return gap < max(size, 1) * 0.35 && gap > -max(size, 1)
    }

    /// A glyph box far narrower than the characters in it, or empty: text nobody can see.
    private static func isHidden(_ word: PositionedWord, characters: Int) -> Bool {
        guard word.height > 0.1 else { return true }
        guard characters >= 3 else { return false }
        return word.width / (Double(characters) * max(word.fontSize, 1)) < 0.22
    }
}
