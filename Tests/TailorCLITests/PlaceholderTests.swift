import Testing
@testable import TailorCLI
@Test func tailorModuleLinks() { _ = TailorModule.self }
