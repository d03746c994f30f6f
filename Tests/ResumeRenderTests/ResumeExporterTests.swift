import Foundation
import Testing
@testable import ResumeRender

@Suite struct ResumeExporterTests {
    @Test func formatRawValuesMatchTheAPI() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["pdf", "docx", "html", "md"])
        #expect(ExportFormat(rawValue: "docx") == .docx)
    }

    @Test(arguments: ExportFormat.allCases)
    func artifactCarriesTypeAndFileName(format: ExportFormat) throws {
        let artifact = try ResumeExporter.export(markdown: try Fixtures.resume("alex-chen.md"), format: format)
        #expect(artifact.format == format)
        #expect(artifact.contentType == format.contentType)
        #expect(artifact.fileName == "alex-chen-resume.\(format.rawValue)")
        #expect(artifact.fileExtension == format.rawValue)
        #expect(!artifact.data.isEmpty)
    }

    @Test func fileBaseNameOptionIsSlugged() throws {
        let options = ExportOptions(fileBaseName: "../../etc/Passwd Ünïcode")
        let artifact = try ResumeExporter.export(markdown: "no name heading", format: .md, options: options)
        #expect(artifact.fileName == "etc-passwd-unicode.md")
        #expect(try ResumeExporter.export(markdown: "", format: .html).fileName == "resume.html")
    }

    @Test func htmlExportIsTitledForDownload() throws {
        let artifact = try ResumeExporter.export(markdown: "# Ann Lee\n\n<script>x</script>\n", format: .html,
                                                 options: ExportOptions(pageSize: .a4))
        let html = String(decoding: artifact.data, as: UTF8.self)
        #expect(html.contains("<title>Ann Lee — Resume</title>"))
        #expect(html.contains("size: A4"))
        #expect(!html.contains("<script>"))
    }

    @Test func markdownExportIsNormalised() throws {
        let artifact = try ResumeExporter.export(markdown: "Name\n====\n\n* a\n* b\n", format: .md)
        #expect(String(decoding: artifact.data, as: UTF8.self) == "# Name\n\n- a\n- b\n")
    }

    @Test func oversizedInputIsRejected() {
        let markdown = String(repeating: "a", count: ResumeExporter.maxMarkdownBytes + 1)
        #expect(throws: RenderError.inputTooLarge(bytes: ResumeExporter.maxMarkdownBytes + 1, limit: ResumeExporter.maxMarkdownBytes)) {
            try ResumeExporter.export(markdown: markdown, format: .pdf)
        }
    }

    @Test(arguments: [0.0, 500.0, -.infinity, .nan])
    func outOfRangeMarginIsRejected(margin: Double) {
        #expect(throws: RenderError.self) {
            try ResumeExporter.export(markdown: "# X", format: .pdf, options: ExportOptions(marginPoints: margin))
        }
    }

    @Test(arguments: [
        "",
        "\u{0}\u{1}\u{7F}\u{FFFE} nul and controls",
        String(repeating: "> ", count: 3_000) + "deep quote",
        (0..<300).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n"),
        String(repeating: "W", count: 20_000),
        String(repeating: "**a", count: 5_000),
        "```\n" + String(repeating: "code line\n", count: 400) + "```",
        "---\n\n***\n\n- \n-\n\n#\n\n######## seven",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "\u{202E}rtl override \u{200B}zero width \u{1F600} emoji",
    ])
    func hostileInputExportsInEveryFormat(markdown: String) throws {
        for format in ExportFormat.allCases {
            let artifact = try ResumeExporter.export(markdown: markdown, format: format)
            #expect(!artifact.data.isEmpty || format == .md)
        }
    }
}
