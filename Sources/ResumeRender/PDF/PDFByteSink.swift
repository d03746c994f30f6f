import Foundation

/// Collects the bytes cairo's PDF surface writes, so no temp file is needed.
/// Handed to cairo as an unretained pointer; the renderer keeps it alive
/// until the surface is finished.
final class PDFByteSink {
    var data = Data()
}
