/// Render one page of the uploaded original (a PDF) as a PNG, for step 1's import review: the
/// page as the person sees it, next to the text we read. Poppler runs only in a worker; the
/// gateway hands over a read-only copy of the stored upload, as it does for an import.
public struct RenderPageRequest: Codable, Sendable, Equatable {
    /// Where the gateway staged the original (read-only for the worker).
    public var path: String
    /// 1-based page number.
    public var page: Int
    /// Output width in pixels; the worker clamps it to what its renderer allows.
    public var width: Int

    public init(path: String, page: Int, width: Int) {
        self.path = path
        self.page = page
        self.width = width
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The PNG, base64 (results travel in one IPC frame, so the worker bounds its size).
        public var pngBase64: String
        /// Pages in the document.
        public var pageCount: Int

        public init(pngBase64: String, pageCount: Int) {
            self.pngBase64 = pngBase64
            self.pageCount = pageCount
        }
    }
}
