import Testing
@testable import Providers
@Test func providersModuleLinks() { _ = ProvidersModule.self }
