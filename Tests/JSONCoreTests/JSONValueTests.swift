import Foundation
import JSONCore
import Testing

@Suite struct JSONValueTests {
    static let documents = [
        #"{"id":"chatcmpl-1","created":1731000000,"choices":[{"index":0,"delta":{"content":"Hi \"there\"\n"},"finish_reason":null}],"usage":null}"#,
        #"[1, -2, 3.25, -0.5, 1e3, 2E-2, 0, 123456789012345, 1234567890123456789, true, false, null, "", "é☃𝄞"]"#,
        #"{"nested":{"a":[{"b":{"c":[[]]}}]},"empty":{},"list":[]}"#,
        #"  "just a string"  "#,
    ]

    @Test(arguments: documents)
    func parsesWhatFoundationParses(_ text: String) throws {
        let ours = try JSONValue.parse(text)
        let foundations = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == foundations)
        #expect(try JSONValue.parse(bytes: Array(text.utf8)) == ours)
    }

    @Test(arguments: documents)
    func writerRoundTrips(_ text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func writerSortsKeysAndPrintsIntegersWithoutAFraction() {
        let value: JSONValue = ["model": "m", "max_tokens": 512, "temperature": 0.2, "a": [true, nil], "stream_options": ["include_usage": true]]
        #expect(value.jsonText == #"{"a":[true,null],"max_tokens":512,"model":"m","stream_options":{"include_usage":true},"temperature":0.2}"#)
        #expect(JSONValue.string("a/b \"c\"\n\u{01}").jsonText == #""a/b \"c\"\n\u0001""#)
    }

    @Test func integersTakeTheFastPathOnlyWhenExact() throws {
        for (text, expected) in [("0", 0.0), ("-7", -7), ("42", 42), ("123456789012345", 123_456_789_012_345), ("1234567890123456789", 1_234_567_890_123_456_789),
                                 ("1.5", 1.5), ("2e3", 2000), ("-0.25", -0.25), ("10E-1", 1)] {
            #expect(try JSONValue.parse(text) == .number(expected), "\(text)")
        }
        let negativeZero = try #require(try JSONValue.parse("-0").numberValue)
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        #expect(throws: JSONParseError.self) { try JSONValue.parse("12x") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("-") }
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        #expect(try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#) == ["a": 3, "b": 2])
    }

    @Test func errorsCarryTheOffset() {
        #expect(throws: JSONParseError(message: "expected ',' or '}' in an object", offset: 7)) { try JSONValue.parse(#"{"a":1 "b":2}"#) }
        #expect(throws: JSONParseError(message: "unexpected text after the JSON value", offset: 3)) { try JSONValue.parse("{} x") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"a":"unterminated}"#) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("\"tab\there\"") }
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(fine)) != nil)
    }

    @Test func accessorsReadTheShapes() throws {
        let value = try JSONValue.parse(#"{"n":3,"f":2.5,"s":"x","b":true,"a":[1,"two"],"o":{"k":null}}"#)
        #expect(value["n"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 2.5)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[1]?.stringValue == "two")
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?.arrayValue?.count == 2)
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["o"]?.objectValue?.keys.sorted() == ["k"])
        #expect(value["missing"] == nil)
    }

    @Test func codableKeepsTheIPCShape() throws {
        let value: JSONValue = ["kind": "agent", "limits": ["max_steps": 24], "flags": [true, false], "budget": nil]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(try JSONValue.parse(bytes: data) == value)
    }
}
