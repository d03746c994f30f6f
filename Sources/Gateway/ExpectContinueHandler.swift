import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request head arrives.
///
/// curl (and other clients) send this header with every body over 1 MiB and then wait — a full
/// second with curl — for the server's go-ahead before sending the body. Without an answer, every
/// large upload took a second longer than its transfer. The body is then read and checked like
/// any other; a request refused before its body is read still gets its final answer, and the
/// server drains what the client sends.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), Self.expectsContinue(head) else {
            return context.fireChannelRead(data)
        }
        head.headerFields[.expect] = nil
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// The only expectation HTTP/1.1 defines; its token is case-insensitive (RFC 9110 §10.1.1).
    static func expectsContinue(_ head: HTTPRequest) -> Bool {
        head.headerFields[.expect]?.lowercased() == "100-continue"
    }
}
