import Testing
@testable import NetGuard

@Suite("SSRF address policy")
struct AddressPolicyTests {
    let policy = AddressPolicy()

    @Test("Internal IPv4 addresses are refused", arguments: [
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.1.1",
        "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250",
        "255.255.255.255", "240.0.0.1", "192.0.2.10", "198.18.0.1",
    ])
    func internalIPv4Refused(address: String) throws {
        let parsed = try #require(IPAddress(address))
        #expect(!policy.check(address: parsed).isAllowed)
        #expect(!policy.check(url: "http://\(address)/").isAllowed)
    }

    @Test("Numeric spellings of loopback are parsed like inet_aton", arguments: [
        "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001", "017700000001", "127.0.1", "0x7F.0.0.0x1", "127.0.0.1.",
    ])
    func numericLoopbackSpellings(host: String) throws {
        #expect(IPAddress(inetAton: host) == .v4(0x7F00_0001) || IPAddress(inetAton: host) == .v4(0x7F00_0000 | 1))
        #expect(policy.check(url: "http://\(host):8080/admin") == .refused(.loopback))
    }

    @Test func inetAtonSplitsTheLastPart() {
        #expect(IPAddress(inetAton: "10.1") == .v4(0x0A00_0001))
        #expect(IPAddress(inetAton: "192.168.257") == .v4(0xC0A8_0101))
        #expect(IPAddress(inetAton: "256.1.1.1") == nil)
        #expect(IPAddress(inetAton: "1.2.3.4.5") == nil)
        #expect(IPAddress(inetAton: "08.1.1.1") == nil)
    }

    @Test("Internal IPv6 addresses are refused", arguments: [
        "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "fd00:ec2::254", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:8.8.8.8", "::127.0.0.1", "64:ff9b::10.0.0.1", "64:ff9b::127.0.0.1",
        "2002:7f00:1::1", "2001:db8::1", "[::1]",
    ])
    func internalIPv6Refused(address: String) throws {
        let parsed = try #require(IPAddress(address))
        #expect(!policy.check(address: parsed).isAllowed)
    }

    @Test("Public addresses are allowed", arguments: ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "64:ff9b::8.8.8.8", "172.32.0.1", "100.128.0.1"])
    func publicAllowed(address: String) throws {
        #expect(policy.check(address: try #require(IPAddress(address))) == .allowed)
    }

    @Test func metadataHasItsOwnReason() throws {
        #expect(policy.check(address: try #require(IPAddress("169.254.169.254"))) == .refused(.metadata))
        #expect(policy.check(address: try #require(IPAddress("fd00:ec2::254"))) == .refused(.metadata))
    }

    @Test("Local names are refused", arguments: ["localhost", "LOCALHOST.", "api.localhost", "printer.local", "metadata.google.internal"])
    func localNames(host: String) {
        #expect(policy.check(url: "https://\(host)/x") == .refused(.localName))
        #expect(policy.check(host: host, port: 443, resolved: ["93.184.216.34"]) == .refused(.localName))
    }

    @Test func everyResolvedAddressMustBePublic() {
        #expect(policy.check(host: "jobs.example.com", port: 443, resolved: ["93.184.216.34"]) == .allowed)
        #expect(policy.check(host: "jobs.example.com", port: 443, resolved: ["93.184.216.34", "10.0.0.5"]) == .refused(.privateNetwork))
        #expect(policy.check(host: "jobs.example.com", port: 443, resolved: [String]()) == .refused(.noAddresses))
        #expect(policy.check(host: "jobs.example.com", port: 443, resolved: ["not-an-ip"]) == .refused(.invalidHost))
    }

    @Test("Only http and https", arguments: ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/", "dict://x:11211/", "javascript:alert(1)"])
    func schemes(url: String) {
        #expect(!policy.check(url: url).isAllowed)
    }

    @Test func userInfoDoesNotHideTheHost() {
        #expect(policy.check(url: "http://example.com@127.0.0.1/") == .refused(.loopback))
        #expect(policy.check(url: "https://jobs.example.com/posting/1?ref=x") == .allowed)
    }

    @Test func allowListOverrides() {
        let operatorPolicy = AddressPolicy(allowListEntries: ["intranet.corp:8080", "10.20.0.0/16", "[fd00::5]:443"])
        #expect(operatorPolicy.check(host: "intranet.corp", port: 8080, resolved: ["10.0.0.7"]) == .allowed)
        #expect(operatorPolicy.check(host: "intranet.corp", port: 9090, resolved: ["10.0.0.7"]) == .refused(.privateNetwork))
        #expect(operatorPolicy.check(host: "wiki.corp", port: 443, resolved: ["10.20.3.4"]) == .allowed)
        #expect(operatorPolicy.check(host: "wiki.corp", port: 443, resolved: ["10.21.3.4"]) == .refused(.privateNetwork))
        #expect(operatorPolicy.check(url: "http://intranet.corp:8080/jd") == .allowed)
    }

    @Test func sockaddrBytesAreRead() {
        #if os(Linux)
        let inet: [UInt8] = [2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
        var inet6: [UInt8] = [10, 0, 1, 187, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16) + [0, 0, 0, 0]
        inet6[23] = 1
        #expect(IPAddress(sockaddr: inet) == .v4(0x7F00_0001))
        #expect(IPAddress(sockaddr: inet6) == IPAddress("::1"))
        #expect(IPAddress(sockaddr: [1, 0, 0, 0, 0, 0, 0, 0]) == nil)
        #endif
    }

    @Test func cidrContainment() throws {
        let network = try #require(IPNetwork("172.16.0.0/12"))
        #expect(network.contains(try #require(IPAddress("172.20.1.1"))))
        #expect(!network.contains(try #require(IPAddress("172.32.0.1"))))
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(try #require(IPNetwork("fc00::/7")).contains(try #require(IPAddress("fdff::1"))))
    }
}
