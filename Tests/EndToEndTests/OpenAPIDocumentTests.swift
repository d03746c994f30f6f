import Foundation
import Logging
import Store
import Testing

@testable import Gateway

/// The OpenAPI document lists exactly the routes the router serves.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func documentMatchesTheRouter() throws {
        let directory = TestEnvironment.temporaryDirectory("openapi")
        let store = try Store(dataDirectory: directory)
        var options = GatewayOptions()
        options.dataDirectory = directory
        options.runtimeDirectory = directory + "/run"
        let gateway = buildGateway(options: options, settings: GatewaySettings(environment: [:]), store: store, logger: Logger(label: "test"))
        let served = Set(gateway.router.routes.map { route -> String in
            let path = route.path.description.split(separator: "/").map { component -> String in
                if component.hasPrefix(":") { return "{\(component.dropFirst())}" }
                if component == "**" { return "{path}" }
                return String(component)
            }.joined(separator: "/")
            return "\(route.method.rawValue.lowercased()) /\(path)"
        })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(gateway.routes.routes).utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0) \(path)" } })
        #expect(served == documented, "served but undocumented: \(served.subtracting(documented)); documented but not served: \(documented.subtracting(served))")
    }
}
