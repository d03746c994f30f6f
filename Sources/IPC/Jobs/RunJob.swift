import Foundation

/// What a worker is asked to do in one run: an agent turn, or one document job. Travels as
/// the `input` object of `run_start`, with a `kind` discriminator and the request's fields
/// beside it (`{"kind":"export","markdown":"…","format":"pdf","page_size":"a4"}`). A kind the
/// worker does not know is a decoding error, not a guess.
public enum RunJob: Sendable, Equatable {
    case agent(AgentTurnRequest)
    case importResume(ImportResumeRequest)
    case renderPreview(RenderPreviewRequest)
    /// One page of an uploaded PDF as a PNG (the import review).
    case renderPage(RenderPageRequest)
    case export(ExportRequest)
    case analyze(AnalyzeRequest)
    case fetchJobDescription(FetchJobDescriptionRequest)
    /// The foundation's test run: streams a message back (see the worker's `EchoAgent`).
    case echo(EchoRequest)

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case agent
        case importResume = "import_resume"
        case renderPreview = "render_preview"
        case renderPage = "render_page"
        case export, analyze
        case fetchJobDescription = "fetch_jd"
        case echo
    }

    public var kind: Kind {
        switch self {
        case .agent: .agent
        case .importResume: .importResume
        case .renderPreview: .renderPreview
        case .renderPage: .renderPage
        case .export: .export
        case .analyze: .analyze
        case .fetchJobDescription: .fetchJobDescription
        case .echo: .echo
        }
    }

    /// Document jobs parse or render untrusted input and answer with a result; agent turns talk
    /// to a model and the gateway.
    public var isDocumentJob: Bool { kind != .agent && kind != .echo }
}

extension RunJob: Codable {
    private enum KindKey: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        // No kind: the foundation's echo runs (kept so a bare `{"message": …}` still works).
        let kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .echo
        switch kind {
        case .agent: self = .agent(try AgentTurnRequest(from: decoder))
        case .importResume: self = .importResume(try ImportResumeRequest(from: decoder))
        case .renderPreview: self = .renderPreview(try RenderPreviewRequest(from: decoder))
        case .renderPage: self = .renderPage(try RenderPageRequest(from: decoder))
        case .export: self = .export(try ExportRequest(from: decoder))
        case .analyze: self = .analyze(try AnalyzeRequest(from: decoder))
        case .fetchJobDescription: self = .fetchJobDescription(try FetchJobDescriptionRequest(from: decoder))
        case .echo: self = .echo(try EchoRequest(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .agent(let request): try request.encode(to: encoder)
        case .importResume(let request): try request.encode(to: encoder)
        case .renderPreview(let request): try request.encode(to: encoder)
        case .renderPage(let request): try request.encode(to: encoder)
        case .export(let request): try request.encode(to: encoder)
        case .analyze(let request): try request.encode(to: encoder)
        case .fetchJobDescription(let request): try request.encode(to: encoder)
        case .echo(let request): try request.encode(to: encoder)
        }
    }
}
