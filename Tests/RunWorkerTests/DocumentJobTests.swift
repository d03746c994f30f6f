import Foundation
import IPC
import Testing
@testable import RunWorker

@Suite struct DocumentJobTests {
    @Test(arguments: [("pdf", "%PDF"), ("docx", "PK"), ("html", "<!DOCTYPE"), ("md", "# Alex Chen")])
    func exportRoundTripsEveryFormat(_ format: String, _ prefix: String) async throws {
        let markdown = try Fixtures.text("resumes/alex-chen.md")
        let end = try await Runs.job(["kind": "export", "markdown": .string(markdown), "format": .string(format), "page_size": "a4"])
        #expect(end.outcome == .completed, "\(end.failure?.message ?? "")")
        let result = try #require(end.result)
        let data = try #require(result["data_base64"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(String(decoding: data.prefix(prefix.utf8.count), as: UTF8.self).caseInsensitiveCompare(prefix) == .orderedSame)
        #expect(result["size"]?.intValue == data.count)
        #expect(result["file_name"]?.stringValue == "alex-chen-resume.\(format)")
        #expect(result["content_type"]?.stringValue?.isEmpty == false)
    }

    @Test func anUnknownFormatNeverReachesTheWorker() {
        #expect(throws: (any Error).self) { try Runs.start(["kind": "export", "markdown": "# A", "format": "rtf"]) }
    }

    @Test func exportRefusesOversizedMarkdown() async throws {
        let end = try await Runs.job(["kind": "export", "markdown": .string(String(repeating: "x", count: 600_000)), "format": "md"])
        #expect(end.failure?.status == 400)
    }

    @Test func renderPreviewReturnsEscapedHTML() async throws {
        let end = try await Runs.job(["kind": "render_preview", "markdown": "# José Müller\n\n<script>alert(1)</script>\n"])
        let html = try #require(end.result?["html"]?.stringValue)
        #expect(html.contains("José Müller"))
        #expect(!html.contains("<script>alert"))
    }

    @Test(arguments: Fixtures.pairs)
    func analyzeReturnsTheGapReportAsJSONAndMarkdown(_ pair: (resume: String, jd: String)) async throws {
        let end = try await Runs.job([
            "kind": "analyze", "resume": .string(try Fixtures.text(pair.resume)), "jd": .string(try Fixtures.text(pair.jd)),
        ])
        #expect(end.outcome == .completed)
        let json = try #require(end.result?["gap_json"])
        let score = try #require(json["score"]?["score"]?.intValue)
        #expect((1...99).contains(score))
        let requirements = try #require(json["requirements"]?.arrayValue)
        func status(_ id: String) -> String? { requirements.first { $0["id"]?.stringValue == id }?["status"]?.stringValue }
        if pair.resume.contains("alex") {
            #expect(status("kubernetes") == "missing")
            #expect(status("go") == "supported")
        } else {
            #expect(status("snowflake") == "missing")
            #expect(status("pandas") == "supported")
        }
        #expect(end.result?["gap_md"]?.stringValue?.hasPrefix("# Gap analysis") == true)
    }

    @Test func unknownKindNeverReachesTheWorker() {
        #expect(throws: (any Error).self) { try Runs.start(["kind": "teleport"]) }
    }

    @Test func echoKindStillStreamsTheMessage() async throws {
        let channel = FakeRunChannel()
        let end = try await Runs.executor().execute(try Runs.start(["kind": "echo", "message": "hello there"]), channel: channel)
        #expect(end.outcome == .completed)
        #expect(await channel.text == "hello there")
    }
}

@Suite struct FetchJobDescriptionJobTests {
    struct StubFetcher: JobPageFetching {
        var result: Result<String, JobPageFetchFailure>
        func fetch(url: String, allowList: [String]) async throws -> String { try result.get() }
    }

    @Test func returnsTheTextAndTheTitle() async throws {
        let text = "Senior Engineer, Platform — Northwind (Remote)\n\nRequirements:\n- Go\n"
        let end = try await Runs.job(["kind": "fetch_jd", "url": "https://jobs.example/1", "allow_list": ["127.0.0.1:8080"]],
                                     fetcher: StubFetcher(result: .success(text)))
        #expect(end.outcome == .completed)
        #expect(end.result?["text"]?.stringValue?.hasPrefix("Senior Engineer") == true)
        #expect(end.result?["title"]?.stringValue?.hasPrefix("Senior Engineer") == true)
    }

    @Test(arguments: ["url_not_allowed", "fetch_failed", "too_large"])
    func fetchFailuresAre422WithTheirCode(_ code: String) async throws {
        let end = try await Runs.job(["kind": "fetch_jd", "url": "http://10.0.0.1/"],
                                     fetcher: StubFetcher(result: .failure(JobPageFetchFailure(code: code, message: "no"))))
        #expect(end.outcome == .failed)
        #expect(end.failure?.code == code)
        #expect(end.failure?.status == 422)
    }

    @Test func aPageWithoutTextFails() async throws {
        let end = try await Runs.job(["kind": "fetch_jd", "url": "https://jobs.example/2"], fetcher: StubFetcher(result: .success("  \n")))
        #expect(end.failure?.code == "fetch_failed")
    }
}
