/// Any JSON value: the one JSON type of the code base. IPC frames carry it (event payloads, run
/// input), providers build request bodies and read streamed chunks with it, tools describe their
/// parameters in it.
///
/// Objects are dictionaries: key order carries no meaning in JSON, and ``jsonText`` writes keys
/// sorted, so encoded request bodies are still byte-stable (tests compare them, providers cache
/// prompts on exact bytes).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object, `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` of an array, `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let array) = self, array.indices.contains(index) else { return nil }
        return array[index]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The same as ``numberValue``; reads better where a `Double` is wanted (prices, seconds).
    public var doubleValue: Double? { numberValue }

    /// An integral number that fits in `Int`; fractional or huge numbers are not counts.
    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }
}
