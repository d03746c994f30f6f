import Testing
@testable import RunWorker
@Test func workerOptionsParse() throws {
    let options = try WorkerOptions.parse(["--socket", "/tmp/x.sock", "--runs", "3"], environment: [:])
    #expect(options.socketPath == "/tmp/x.sock")
    #expect(options.maxRuns == 3)
}
