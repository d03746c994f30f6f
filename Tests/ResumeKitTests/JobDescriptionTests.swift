import Foundation
import Testing
@testable import ResumeKit

@Suite("Job descriptions and HTML")
struct JobDescriptionTests {
    @Test func fixtureJobDescriptionIsStructured() throws {
        let text = String(decoding: try Fixtures.data("jds/senior-backend-platform.txt"), as: UTF8.self)
        let job = JobDescription(text: text)
        #expect(job.title == "Senior Backend Engineer, Platform")
        #expect(job.company == "Northwind Logistics")
        #expect(job.location == "Remote, US")
        #expect(job.lines(of: .requirements).contains("5+ years of professional backend development experience."))
        #expect(job.lines(of: .responsibilities).contains("Design, build and run high-throughput services in Go and Python."))
    }

    @Test func niceToHaveIsSeparated() throws {
        let text = String(decoding: try Fixtures.data("jds/data-scientist-ml.txt"), as: UTF8.self)
        let job = JobDescription(text: text)
        #expect(job.company == "Helio Commerce")
        #expect(job.lines(of: .niceToHave).contains("dbt, Snowflake, Airflow."))
        #expect(job.lines(of: .requirements).contains("Python (pandas, scikit-learn) and SQL."))
    }

    @Test func htmlIsReducedToReadableText() {
        let html = """
        <html><head><title>Jobs</title><style>p{color:red}</style></head><body>
        <nav><a href="/">Home</a> | <a href="/jobs">Jobs</a></nav>
        <h1>Staff Engineer &ndash; Acme&nbsp;Corp</h1>
        <script>var x = "<p>not text</p>";</script>
        <p>We build <b>tools</b> for&#160;teams &amp; people.</p>
        <h2>Requirements</h2>
        <ul><li>Go &gt; 5 years</li><li>Kubernetes&#x2F;Helm</li></ul>
        <!-- hidden <p>comment</p> -->
        <footer>© 2024 Acme</footer>
        </body></html>
        """
        let text = HTMLText.readableText(html: html)
        #expect(text == """
        Staff Engineer – Acme Corp

        We build tools for teams & people.

        Requirements

        - Go > 5 years
        - Kubernetes/Helm
        """)
        let job = JobDescription(text: text)
        #expect(job.title == "Staff Engineer")
        #expect(job.company == "Acme Corp")
        #expect(job.lines(of: .requirements) == ["Go > 5 years", "Kubernetes/Helm"])
    }

    @Test func brokenHTMLNeverTraps() {
        for html in ["<", "<p", "a < b > c", "<script>never closed", "&#xFFFFFFFF; &#55296; &bogus;", "</p></div>"] {
            _ = HTMLText.readableText(html: html)
        }
        #expect(HTMLText.readableText(html: "a < b") == "a < b")
    }
}
