import IPC

/// Checks tool arguments against the subset of JSON Schema our tools use: `type`,
/// `properties`, `required`, `additionalProperties: false`, `enum`, `minLength`, `maxLength`,
/// `minimum`, `maximum`, `items`.
///
/// Arguments come from a model and are untrusted: every problem becomes a readable line the
/// model can act on; nothing here traps.
enum SchemaValidator {
    /// Every violation, as "`path`: what is wrong"; empty when `value` conforms.
    static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "arguments") -> [String] {
        guard let schema = schema.objectValue else { return [] }
        if let expected = expectedTypes(schema), !expected.contains(where: { matches(value, type: $0) }) {
            return ["\(path): expected \(expected.joined(separator: " or ")), got \(typeName(value))"]
        }
        var problems: [String] = []
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): must be one of \(allowed.map(\.jsonText).joined(separator: ", "))")
        }
        problems += stringViolations(value, schema, path)
        problems += numberViolations(value, schema, path)
        problems += objectViolations(value, schema, path)
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                problems += violations(of: item, against: itemSchema, at: "\(path)[\(index)]")
            }
        }
        return problems
    }

    private static func expectedTypes(_ schema: [String: JSONValue]) -> [String]? {
        switch schema["type"] {
        case .string(let type): [type]
        case .array(let types): types.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): true
        case ("integer", .number): value.intValue != nil
        default: false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private static func stringViolations(_ value: JSONValue, _ schema: [String: JSONValue], _ path: String) -> [String] {
        guard case .string(let text) = value else { return [] }
        var problems: [String] = []
        if let min = schema["minLength"]?.intValue, text.count < min {
            problems.append(min == 1 ? "\(path): must not be empty" : "\(path): must be at least \(min) characters")
        }
        if let max = schema["maxLength"]?.intValue, text.count > max {
            problems.append("\(path): must be at most \(max) characters (got \(text.count))")
        }
        return problems
    }

    private static func numberViolations(_ value: JSONValue, _ schema: [String: JSONValue], _ path: String) -> [String] {
        guard case .number(let number) = value else { return [] }
        var problems: [String] = []
        if let min = schema["minimum"]?.numberValue, number < min { problems.append("\(path): must be ≥ \(min)") }
        if let max = schema["maximum"]?.numberValue, number > max { problems.append("\(path): must be ≤ \(max)") }
        return problems
    }

    private static func objectViolations(_ value: JSONValue, _ schema: [String: JSONValue], _ path: String) -> [String] {
        guard case .object(let members) = value else { return [] }
        let properties = schema["properties"]?.objectValue ?? [:]
        var problems: [String] = []
        for name in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[name] == nil {
            problems.append("\(path): missing required field \"\(name)\"")
        }
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            if let propertySchema = properties[name] {
                problems += violations(of: member, against: propertySchema, at: "\(path).\(name)")
            } else if schema["additionalProperties"] == .bool(false) {
                let known = properties.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                problems.append("\(path): unknown field \"\(name)\"" + (known.isEmpty ? " (this tool takes no arguments)" : " (known: \(known))"))
            }
        }
        return problems
    }
}
