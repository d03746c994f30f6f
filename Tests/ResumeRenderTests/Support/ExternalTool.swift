import Foundation

/// Runs poppler's command-line tools on files the test wrote.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func pdftotext(_ pdf: URL, firstPage: Int? = nil, lastPage: Int? = nil) throws -> String {
        var arguments: [String] = []
        if let firstPage { arguments += ["-f", String(firstPage)] }
        if let lastPage { arguments += ["-l", String(lastPage)] }
        return try run("/usr/bin/pdftotext", arguments + ["-enc", "UTF-8", pdf.path, "-"])
    }

    static func pdffonts(_ pdf: URL) throws -> String {
        try run("/usr/bin/pdffonts", [pdf.path])
    }

    static func pdfinfo(_ pdf: URL) throws -> String {
        try run("/usr/bin/pdfinfo", [pdf.path])
    }
}

/// A temporary directory owned by one test, removed when it ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ResumeRenderTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ data: Data, named name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }
}
