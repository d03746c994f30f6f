/// Tool call ids for the gateway (`tc_` + 16 hex digits). Model-chosen ids are not used:
/// they repeat across turns and providers, and the contract's ids carry our prefix.
enum ToolCallIds {
    static func next() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return "tc_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
