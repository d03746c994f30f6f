import Testing
@testable import ResumeRender

@Suite struct PreviewRendererTests {
    @Test func scriptRendersAsText() {
        let html = PreviewRenderer.html(markdown: "# Eve\n\n<script>alert('x')</script>\n\nInline <img src=x onerror=alert(1)> too\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func unsafeLinksAreTextAndSafeLinksAreHardened() {
        let html = PreviewRenderer.html(markdown: "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.com/?q=\"x\")")
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:text"))
        #expect(html.contains("<a href=\"https://example.com/?q=%22x%22\" rel=\"noopener noreferrer nofollow\">c</a>"))
    }

    @Test(arguments: Fixtures.resumeNames)
    func previewIsSelfContained(name: String) throws {
        let html = PreviewRenderer.html(markdown: try Fixtures.resume(name))
        for reference in ["http://", "https://", "src=", "url(", "@import", "<link", "<script"] {
            #expect(!html.contains(reference), "found \(reference)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<h1>"))
    }

    @Test func imagesNeverLoad() {
        let html = PreviewRenderer.html(markdown: "![tracking pixel](https://tracker.example/p.gif)")
        #expect(!html.contains("tracker.example"))
        #expect(html.contains("tracking pixel"))
    }

    @Test func contactAndDatesGetClasses() {
        let html = PreviewRenderer.html(markdown: "# N\n\nme@example.com\n\n## Work\n\n### Dev — Co\n\n*2020*\n")
        #expect(html.contains("<p class=\"contact\">me@example.com</p>"))
        #expect(html.contains("<p class=\"meta\"><em>2020</em></p>"))
        #expect(html.contains("<title>N — Resume preview</title>"))
    }
}
