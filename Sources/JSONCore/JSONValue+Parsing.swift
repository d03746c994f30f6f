extension JSONValue {
    /// Parses JSON text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        // `withUTF8` is `rethrows` (untyped): carry the typed error out in a `Result`.
        return try text.withUTF8 { buffer in Result { () throws(JSONParseError) in try JSONParser.parse(buffer) } }.get()
    }

    /// Parses UTF-8 JSON bytes.
    public static func parse(bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let parse = { (buffer: UnsafeBufferPointer<UInt8>) in Result { () throws(JSONParseError) in try JSONParser.parse(buffer) } }
        if let parsed = bytes.withContiguousStorageIfAvailable(parse) { return try parsed.get() }
        return try Array(bytes).withUnsafeBufferPointer(parse).get()
    }
}
