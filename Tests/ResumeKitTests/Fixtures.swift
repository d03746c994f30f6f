import Foundation

/// Test inputs from `shared/fixtures`, which sits beside the repository checkout
/// (`<repo>/../shared/fixtures`), found from this file's path so tests run from any directory.
enum Fixtures {
    // Symlinks resolved first: a dev package may link this folder from elsewhere.
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // ResumeKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/fixtures")
        .standardizedFileURL

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relativePath))
    }
}
