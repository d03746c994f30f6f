import JSONCore

/// Parsing helpers shared by the normalizers: a chunk's JSON with a readable failure.
enum StreamChunk {
    /// Parses the data of chunk number `ordinal` (1-based), or explains what was wrong with it.
    static func parse(_ data: String, ordinal: Int, provider: String) throws(ProviderError) -> JSONValue {
        do {
            return try JSONValue.parse(data)
        } catch {
            throw ProviderError(
                .malformedStream("chunk \(ordinal) is not valid JSON (\(error)): \(excerpt(data))"),
                provider: provider
            )
        }
    }

    /// The start of `text` on one line, for messages.
    static func excerpt(_ text: String, limit: Int = 120) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
