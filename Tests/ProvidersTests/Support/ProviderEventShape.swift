@testable import Providers

/// Short spellings of expected events, so fixtures read like the stream they describe.
enum ProviderEventShape {
    case text(String)
    case start(Int, String, String)
    case args(Int, String)
    case end(Int)
    case usage(Int, Int)
    case finish(FinishReason)

    var event: ProviderEvent {
        switch self {
        case .text(let text): .textDelta(text)
        case .start(let index, let id, let name): .toolCallStart(index: index, id: id, name: name)
        case .args(let index, let fragment): .toolCallArgumentsDelta(index: index, fragment: fragment)
        case .end(let index): .toolCallEnd(index: index)
        case .usage(let input, let output): .usage(input: input, output: output)
        case .finish(let reason): .finish(reason)
        }
    }
}

extension Array where Element == ProviderEventShape {
    var events: [ProviderEvent] { map(\.event) }
}
