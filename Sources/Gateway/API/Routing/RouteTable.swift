import HTTPTypes
import Hummingbird
import IPC
import NIOCore
import Store

/// The API's routes, registered on the router from their definitions: path parameters,
/// query parameters and bodies are checked against the same schemas the OpenAPI document
/// prints, before any handler runs.
struct RouteTable: Sendable {
    typealias SessionLookup = @Sendable (_ tenant: String, _ id: String) async throws -> SessionRecord

    let routes: [APIRoute]

    /// What serving a route needs besides the route.
    struct Environment: Sendable {
        let auth: AuthMiddleware
        let uploads: UploadLimits
        /// Uploads being received right now (bounded: each holds a connection and disk space).
        let uploadsInFlight: Occupancy
        let maxConcurrentUploads: Int
        let session: SessionLookup
        /// Refuses (403 `quota_exceeded`) when the tenant cannot store this many more bytes.
        let checkStorage: @Sendable (_ tenant: String, _ bytes: Int) async throws -> Void
    }

    /// Registers every route. Routes under a session look it up first, for the caller's
    /// tenant: another tenant's (or a missing) session is 404 before its body is even read.
    func register(on router: Router<APIContext>, environment: Environment) {
        router.add(middleware: MethodNotAllowedMiddleware(table: self))
        let authenticated = router.group().add(middleware: environment.auth)
        for route in routes {
            let serve: @Sendable (Request, APIContext) async throws -> Response = { request, context in
                if route.access == .admin, context.caller?.admin != true { throw APIError.forbidden }
                return try await Self.serve(route, request, context, environment: environment)
            }
            switch route.access {
            case .open: router.on(RouterPath(route.routerPath), method: route.method, use: serve)
            case .token, .admin: authenticated.on(RouterPath(route.routerPath), method: route.method, use: serve)
            }
        }
    }

    private static func serve(_ route: APIRoute, _ request: Request, _ context: APIContext, environment: Environment) async throws -> Response {
        for parameter in route.parameters where !parameter.catchAll {
            // A malformed id cannot name anything: not found, without touching the store.
            guard let value = context.parameters.get(parameter.name), parameter.schema.violation(.string(value)) == nil else {
                throw APIError.notFound(Self.resourceName(parameter.name))
            }
        }
        for (name, schema) in route.query {
            guard let value = request.uri.queryParameters.get(name) else { continue }
            if let problem = schema.violation(.string(value), at: name) {
                throw APIError.invalidRequest(problem, details: ["parameter": .string(name)])
            }
        }
        var input = RouteInput()
        if route.parameters.contains(where: { $0.name == "session_id" }) {
            input.session = try await environment.session(try context.tenant(), try context.sessionId())
        }
        switch route.body {
        case .none:
            input.json = try await JSONBody.object(request)
            guard input.json.isEmpty else { throw APIError.invalidRequest("This request takes no body (send nothing, or {}).") }
        case .json(let schema, let required):
            let body = try await JSONBody.value(request)
            guard let body else {
                if required { throw APIError.invalidRequest("Send a JSON body.") }
                break
            }
            if let problem = schema.violation(body) { throw APIError.invalidRequest(problem) }
            guard case .object(let object) = body else { throw APIError.invalidRequest("The body must be a JSON object.") }
            input.json = object
        case .multipart(let fileField, let fields):
            guard environment.uploadsInFlight.acquire("uploads", limit: environment.maxConcurrentUploads) else {
                throw APIError.overloaded(retryAfter: 2)
            }
            defer { environment.uploadsInFlight.release("uploads") }
            if input.session != nil, let length = request.headers[.contentLength].flatMap(Int.init) {
                // A full account is refused before a byte of the body is read (the form's own
                // framing is allowed for; the exact size is checked again once it is stored).
                try await environment.checkStorage(try context.tenant(), max(0, length - Self.multipartFramingAllowance))
            }
            input.upload = try await MultipartUpload.receive(
                request, fileField: fileField, fields: fields.map(\.0), limits: environment.uploads)
            for (name, schema) in fields {
                guard let value = input.upload?.fields[name] else { continue }
                if let problem = schema.violation(.string(value), at: name) {
                    input.upload?.discard()
                    throw APIError.invalidRequest(problem, details: ["field": .string(name)])
                }
            }
        }
        do {
            return try await route.handler(request, context, input)
        } catch {
            input.upload?.discard()
            throw error
        }
    }

    /// Bytes of boundaries and part headers a form may add around its file.
    static let multipartFramingAllowance = 8 * 1024

    static func resourceName(_ parameter: String) -> String {
        switch parameter {
        case "session_id": "Session"
        case "run_id": "Run"
        case "approval_id": "Approval"
        case "version": "Version"
        case "page": "Page"
        default: "The resource"
        }
    }

    /// The declared methods on `path` (empty: unknown path). Like the router, the most
    /// specific template wins: `/files/upload` is that route, not `/files/{path}`.
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let matching = routes.filter { Self.template($0, matches: segments) }
        guard let best = matching.map({ Self.specificity($0) }).max(by: { $0.lexicographicallyPrecedes($1) }) else { return [] }
        var methods: [HTTPRequest.Method] = []
        for route in matching where Self.specificity(route) == best && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods
    }

    /// Per segment: 2 for a literal, 1 for a parameter, 0 for a catch-all tail.
    private static func specificity(_ route: APIRoute) -> [Int] {
        route.path.split(separator: "/").map { part in
            guard part.hasPrefix("{") else { return 2 }
            return route.parameters.first { "{\($0.name)}" == part }?.catchAll == true ? 0 : 1
        }
    }

    private static func template(_ route: APIRoute, matches segments: [String]) -> Bool {
        let template = route.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        for (index, part) in template.enumerated() {
            let isParameter = part.hasPrefix("{") && part.hasSuffix("}")
            if isParameter, route.parameters.first(where: { "{\($0.name)}" == part })?.catchAll == true {
                return segments.count > index
            }
            guard index < segments.count else { return false }
            if !isParameter, segments[index] != part { return false }
            if isParameter, segments[index].isEmpty { return false }
        }
        return segments.count == template.count
    }
}

/// 405 with `Allow` for a method the API does not declare on a path it knows (RFC 9110),
/// instead of the router's 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let table: RouteTable

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = table.methods(matching: request.uri.path)
            guard !methods.isEmpty, !methods.contains(request.method), !(request.method == .head && methods.contains(.get)) else { throw error }
            var allowed = methods.map(\.rawValue)
            if methods.contains(.get) { allowed.append("HEAD") }
            throw APIError(.methodNotAllowed, "method_not_allowed", "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", ")).",
                           headers: [.allow: allowed.joined(separator: ", ")])
        }
    }
}
