import Foundation
import Synchronization
import IPC

/// A JSON Schema the server enforces: the same value validates request bodies and
/// describes them in the OpenAPI document, so the two cannot drift apart. Only the keywords
/// the API needs, implemented with JSON Schema's semantics (lengths in code points, patterns
/// searched — anchor them with ^…$ —, integers as whole numbers).
indirect enum Schema: Sendable {
    case string(StringRule)
    case boolean
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil)
    case array(Schema)
    case object(ObjectRule)
    /// A value or `null`.
    case nullable(Schema)
    /// Exactly one of the alternatives (e.g. a JD's `text` or `url`).
    case oneOf([Schema])
    /// A named schema under `#/components/schemas` (description only; validates as anything).
    case ref(String)
    /// Any JSON value.
    case any

    struct StringRule: Sendable {
        var minLength: Int? = nil
        var maxLength: Int? = nil
        var pattern: String? = nil
        var values: [String]? = nil
        var format: String? = nil
    }

    struct ObjectRule: Sendable {
        var properties: [(name: String, schema: Schema)]
        var required: [String] = []
        /// False: a key not listed is refused (the server does not silently ignore input).
        var additionalProperties = false
    }

    static func string(minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: String? = nil) -> Schema {
        .string(StringRule(minLength: minLength, maxLength: maxLength, pattern: pattern, format: format))
    }

    static func enumeration(_ values: [String]) -> Schema { .string(StringRule(values: values)) }

    static func object(_ properties: [(String, Schema)], required: [String] = [], additionalProperties: Bool = false) -> Schema {
        .object(ObjectRule(properties: properties.map { (name: $0.0, schema: $0.1) }, required: required, additionalProperties: additionalProperties))
    }

    // MARK: Validation

    /// A reason the value does not match, naming the field; nil when it matches.
    func violation(_ value: JSONValue, at path: String = "") -> String? {
        switch self {
        case .any, .ref:
            return nil
        case .nullable(let inner):
            return value == .null ? nil : inner.violation(value, at: path)
        case .boolean:
            guard case .bool = value else { return "\(Self.name(path)) must be true or false." }
            return nil
        case .integer(let minimum, let maximum):
            guard case .number(let number) = value, number.rounded() == number, abs(number) < 9e15 else {
                return "\(Self.name(path)) must be a whole number."
            }
            if let minimum, number < Double(minimum) { return "\(Self.name(path)) must be at least \(minimum)." }
            if let maximum, number > Double(maximum) { return "\(Self.name(path)) must be at most \(maximum)." }
            return nil
        case .number(let minimum):
            guard case .number(let number) = value else { return "\(Self.name(path)) must be a number." }
            if let minimum, number < minimum { return "\(Self.name(path)) must be at least \(minimum)." }
            return nil
        case .string(let rule):
            guard case .string(let text) = value else { return "\(Self.name(path)) must be a string." }
            return rule.violation(text, name: Self.name(path))
        case .array(let items):
            guard case .array(let elements) = value else { return "\(Self.name(path)) must be an array." }
            for (index, element) in elements.enumerated() {
                if let problem = items.violation(element, at: "\(path)[\(index)]") { return problem }
            }
            return nil
        case .object(let rule):
            guard case .object(let members) = value else {
                return path.isEmpty ? "The body must be a JSON object." : "\(Self.name(path)) must be an object."
            }
            return rule.violation(members, path: path)
        case .oneOf(let alternatives):
            let matching = alternatives.filter { $0.violation(value, at: path) == nil }.count
            if matching == 1 { return nil }
            return alternatives.compactMap { $0.violation(value, at: path) }.first
                ?? "\(path.isEmpty ? "The body" : Self.name(path)) matches more than one of its allowed forms."
        }
    }

    fileprivate static func name(_ path: String) -> String { path.isEmpty ? "The value" : "Field '\(path)'" }

    // MARK: Description

    /// This schema as JSON Schema (OpenAPI 3.1).
    var json: JSONValue {
        switch self {
        case .any: return [:]
        case .ref(let name): return ["$ref": .string("#/components/schemas/\(name)")]
        case .boolean: return ["type": "boolean"]
        case .integer(let minimum, let maximum):
            var object: [String: JSONValue] = ["type": "integer"]
            if let minimum { object["minimum"] = .number(Double(minimum)) }
            if let maximum { object["maximum"] = .number(Double(maximum)) }
            return .object(object)
        case .number(let minimum):
            var object: [String: JSONValue] = ["type": "number"]
            if let minimum { object["minimum"] = .number(minimum) }
            return .object(object)
        case .string(let rule): return rule.json
        case .array(let items): return ["type": "array", "items": items.json]
        case .nullable(let inner):
            guard case .object(var object) = inner.json, case .string(let type)? = object["type"] else {
                return ["oneOf": [inner.json, ["type": "null"]]]
            }
            object["type"] = [.string(type), "null"]
            if case .array(var values)? = object["enum"] {
                values.append(.null)
                object["enum"] = .array(values)
            }
            return .object(object)
        case .oneOf(let alternatives): return ["oneOf": .array(alternatives.map(\.json))]
        case .object(let rule):
            var object: [String: JSONValue] = [
                "type": "object",
                "properties": .object(Dictionary(uniqueKeysWithValues: rule.properties.map { ($0.name, $0.schema.json) })),
                "additionalProperties": .bool(rule.additionalProperties),
            ]
            if !rule.required.isEmpty { object["required"] = .array(rule.required.map(JSONValue.string)) }
            return .object(object)
        }
    }
}

extension Schema.StringRule {
    func violation(_ text: String, name: String) -> String? {
        if let values, !values.contains(text) { return "\(name) must be one of \(values.joined(separator: ", "))." }
        let length = text.unicodeScalars.count
        if let minLength, length < minLength {
            return minLength == 1 ? "\(name) must not be empty." : "\(name) must be at least \(minLength) characters."
        }
        if let maxLength, length > maxLength { return "\(name) must be at most \(maxLength) characters." }
        if let pattern, !PatternCache.matches(pattern, text) { return "\(name) is not in the expected form." }
        return nil
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["type": "string"]
        if let values { object["enum"] = .array(values.map(JSONValue.string)) }
        if let minLength { object["minLength"] = .number(Double(minLength)) }
        if let maxLength { object["maxLength"] = .number(Double(maxLength)) }
        if let pattern { object["pattern"] = .string(pattern) }
        if let format { object["format"] = .string(format) }
        return .object(object)
    }
}

extension Schema.ObjectRule {
    func violation(_ members: [String: JSONValue], path: String) -> String? {
        for key in required where members[key] == nil {
            return "Missing field '\(path.isEmpty ? key : path + "." + key)'."
        }
        if !additionalProperties {
            let known = Set(properties.map(\.name))
            if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
                return "Unknown field '\(path.isEmpty ? unknown : path + "." + unknown)'."
            }
        }
        for (name, schema) in properties {
            guard let value = members[name] else { continue }
            if let problem = schema.violation(value, at: path.isEmpty ? name : path + "." + name) { return problem }
        }
        return nil
    }
}

/// Compiled patterns, shared (a regular expression is compiled once per pattern).
enum PatternCache {
    private static let cache = Mutex<[String: NSRegularExpression]>([:])

    static func matches(_ pattern: String, _ text: String) -> Bool {
        let expression = cache.withLock { cache -> NSRegularExpression? in
            if let cached = cache[pattern] { return cached }
            let compiled = try? NSRegularExpression(pattern: pattern)
            cache[pattern] = compiled
            return compiled
        }
        guard let expression else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
