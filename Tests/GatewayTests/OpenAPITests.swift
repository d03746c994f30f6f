import Foundation
import Testing

@testable import Gateway

/// The document is generated from the route table; these check it says what the server does.
@Suite("OpenAPI document")
struct OpenAPITests {
    let document: [String: Any]
    let routes: [APIRoute]

    init() throws {
        let harness = try GatewayHarness()
        routes = harness.gateway.routes.routes
        document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(routes).utf8)) as? [String: Any])
    }

    var operations: [(path: String, method: String, operation: [String: Any])] {
        let paths = document["paths"] as? [String: [String: [String: Any]]] ?? [:]
        return paths.flatMap { path, methods in methods.map { (path, $0.key, $0.value) } }
    }

    @Test func everyRouteIsDescribedOnce() {
        #expect(operations.count == routes.count)
        #expect(Set(operations.map { "\($0.method) \($0.path)" }) == Set(routes.map { "\($0.method.rawValue.lowercased()) \($0.path)" }))
        #expect(Set(operations.compactMap { $0.operation["operationId"] as? String }).count == routes.count)
    }

    @Test func everyJSONBodyRefusesUnknownKeys() {
        for (path, method, operation) in operations {
            guard let body = operation["requestBody"] as? [String: Any],
                  let schema = ((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { continue }
            let alternatives = (schema["oneOf"] as? [[String: Any]]) ?? [schema]
            for alternative in alternatives {
                #expect(alternative["additionalProperties"] as? Bool == false, "\(method) \(path)")
            }
        }
    }

    @Test func everyPathParameterHasThePatternTheServerChecks() {
        for (path, method, operation) in operations {
            for parameter in operation["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "path" {
                let schema = parameter["schema"] as? [String: Any] ?? [:]
                #expect(schema["pattern"] != nil || schema["maxLength"] != nil, "\(method) \(path) \(parameter["name"] ?? "")")
            }
        }
    }

    @Test func everyOperationDescribesItsErrorsInTheContractShape() {
        for (path, method, operation) in operations {
            let responses = operation["responses"] as? [String: Any] ?? [:]
            #expect(responses["default"] != nil, "\(method) \(path)")
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path)")
        }
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        #expect(schemas?["Error"] != nil)
    }

    /// A `$ref` to a schema the document does not define makes every client generator fail.
    @Test func everyReferenceResolves() {
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let ref = object["$ref"] as? String { references.append(ref) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for ref in references {
            let prefix = "#/components/schemas/"
            #expect(ref.hasPrefix(prefix) && schemas[String(ref.dropFirst(prefix.count))] != nil, "unresolved \(ref)")
        }
    }
}
