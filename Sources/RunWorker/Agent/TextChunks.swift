/// Splits text into the small pieces a streaming model would send: a few words each, with the
/// whitespace kept so the pieces concatenate back to the text exactly.
enum TextChunks {
    static let targetLength = 24

    static func split(_ text: String, targetLength: Int = targetLength) -> [String] {
        var chunks: [String] = []
        var current = ""
        var inWord = false
        for character in text {
            let isSpace = character.isWhitespace
            // Break only where a new word starts, so words are never cut in half.
            if !isSpace, !inWord, current.count >= targetLength {
                chunks.append(current)
                current = ""
            }
            current.append(character)
            inWord = !isSpace
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
