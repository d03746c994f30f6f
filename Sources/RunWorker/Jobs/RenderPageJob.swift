import Foundation
import IPC
import ResumeKit

/// `render_page`: one page of the uploaded PDF as a PNG, for the import review. The renderer
/// bounds the image's width and pixel count; this job also bounds its encoded size, because the
/// result travels in one IPC frame: a page that encodes too large (a full-page photo at a wide
/// width) is rendered again narrower rather than failing the frame.
enum RenderPageJob {
    /// Encoded PNG bytes at most (base64 makes them 4/3 larger; the frame limit is 8 MiB).
    static let maximumPNGBytes = 4 * 1_048_576
    /// Each retry's width as a fraction of the previous one.
    static let shrinkFactor = 0.7

    static func run(_ request: RenderPageRequest, maximumPNGBytes: Int = maximumPNGBytes) throws(JobFailure) -> RenderPageRequest.Result {
        let data = try StagedFile.read(request.path)
        let pageCount = try count(data)
        guard request.page >= 1, request.page <= pageCount else { throw noSuchPage(request.page, pageCount: pageCount) }
        var width = min(max(request.width, PDFPageRenderer.widthRange.lowerBound), PDFPageRenderer.widthRange.upperBound)
        while true {
            let png = try render(data, page: request.page, width: width)
            if png.count <= maximumPNGBytes {
                return RenderPageRequest.Result(pngBase64: png.base64EncodedString(), pageCount: pageCount)
            }
            let narrower = Int(Double(width) * shrinkFactor)
            guard narrower >= PDFPageRenderer.widthRange.lowerBound else {
                throw JobFailure(code: "page_too_large", message: "This page is too detailed to show as an image.", status: 422)
            }
            width = narrower
        }
    }

    private static func count(_ data: Data) throws(JobFailure) -> Int {
        do {
            return try PDFPageRenderer.pageCount(of: data)
        } catch {
            throw failure(error, page: 0)
        }
    }

    private static func render(_ data: Data, page: Int, width: Int) throws(JobFailure) -> Data {
        do {
            return try PDFPageRenderer.png(from: data, page: page, width: width)
        } catch {
            throw failure(error, page: page)
        }
    }

    private static func failure(_ error: PDFPageRenderer.RenderError, page: Int) -> JobFailure {
        switch error {
        case .noSuchPage(let page, let count):
            return noSuchPage(page, pageCount: count)
        case .unreadable(let importError):
            return JobFailure(code: importError.code, message: importError.message, status: importError.httpStatus)
        case .renderingFailed:
            return JobFailure(code: "render_failed", message: "Page \(page) could not be drawn.", status: 500, reason: .internal)
        }
    }

    /// The contract's `not_found`: the page is not in the document.
    private static func noSuchPage(_ page: Int, pageCount: Int) -> JobFailure {
        let pages = pageCount == 1 ? "1 page" : "\(pageCount) pages"
        return JobFailure(code: "not_found", message: "The uploaded PDF has \(pages); there is no page \(page).", status: 404)
    }
}
