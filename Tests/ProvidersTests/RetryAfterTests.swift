import Foundation
import Testing
@testable import Providers

@Suite struct RetryAfterTests {
    @Test func retryAfterReadsSecondsAndHTTPDates() throws {
        #expect(RetryAfter(headerValue: "7") == .seconds(7))
        let date = try #require(RetryAfter(headerValue: "Wed, 21 Oct 2015 07:28:00 GMT"))
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // ten seconds earlier
        #expect(date.delay(from: now) == .seconds(10))
        #expect(RetryAfter(headerValue: "soon") == nil)
    }
}
