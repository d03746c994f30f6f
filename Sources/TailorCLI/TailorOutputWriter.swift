import Foundation

/// Writes the results into the output directory, each file atomically, creating the directory
/// and its `analysis/` and `preview/` folders as needed.
struct TailorOutputWriter {
    let directory: String

    /// Writes `files` (paths relative to ``directory``) in order; returns the paths written.
    func write(_ files: [(relativePath: String, data: Data)]) throws(TailorError) -> [String] {
        var written: [String] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.relativePath)
            try createDirectory((path as NSString).deletingLastPathComponent)
            try AtomicFile.save(file.data, to: path)
            written.append(path)
        }
        return written
    }

    private func createDirectory(_ path: String) throws(TailorError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .writeFailed(path: path, detail: "it exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: path, detail: "the directory could not be created")
        }
    }
}
