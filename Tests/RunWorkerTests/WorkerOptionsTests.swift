import Testing
@testable import RunWorker
@Test func workerOptionsParse() throws {
    let options = try WorkerOptions.parse(["--socket", "/tmp/x.sock", "--runs", "3"], environment: [:])
    #expect(options.socketPath == "/tmp/x.sock")
    #expect(options.maxRuns == 3)
    #expect(options.preloadTransport)
}

@Test func workerOptionsPreloadTransportSwitch() throws {
    #expect(try WorkerOptions.parse(["--socket", "s", "--preload-transport", "off"], environment: [:]).preloadTransport == false)
    #expect(throws: WorkerOptions.ParseError.self) { try WorkerOptions.parse(["--socket", "s", "--preload-transport", "maybe"], environment: [:]) }
}
