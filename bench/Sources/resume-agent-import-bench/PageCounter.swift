import CPoppler
import Foundation

/// Pages of a PDF, to report import time per page.
enum PageCounter {
    static func pages(_ data: Data) -> Int {
        let bytes = data.withUnsafeBytes { buffer in g_bytes_new(buffer.baseAddress, gsize(buffer.count)) }
        defer { g_bytes_unref(bytes) }
        guard let document = poppler_document_new_from_bytes(bytes, nil, nil) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        return Int(poppler_document_get_n_pages(document))
    }
}
