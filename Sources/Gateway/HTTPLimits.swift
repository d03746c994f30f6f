import Hummingbird
import HummingbirdCore
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// What the HTTP listener tolerates: idle connections are closed, headers are bounded in size
/// and must arrive within `headTimeout`, a body within `bodyTimeout` — so a slow or hostile
/// client holds a connection for seconds, not forever, and never starves the others.
struct HTTPLimits: Sendable {
    let idleTimeout: TimeAmount
    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    let maxHeaderBytes: Int

    init(_ settings: GuardrailSettings) {
        idleTimeout = Self.timeAmount(settings.idleTimeout)
        headTimeout = Self.timeAmount(settings.headTimeout)
        bodyTimeout = Self.timeAmount(settings.bodyTimeout)
        maxHeaderBytes = settings.maxHeaderBytes
    }

    /// NIO's spelling of a duration, to the nanosecond.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    var channelConfiguration: HTTP1Channel.Configuration {
        let head = headTimeout, body = bodyTimeout
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadlineHandler(headTimeout: head, bodyTimeout: body), ExpectContinueHandler()],
            idleTimeout: idleTimeout,
            httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: 100))
    }
}

/// Closes a connection whose request head has not fully arrived `headTimeout` after the
/// connection opened (or the previous response ended), or whose body has not arrived
/// `bodyTimeout` after its head: slow-loris headers and trickled bodies are cut off.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var readingRequest = false

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, headTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, headTimeout)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            arm(context, bodyTimeout)
        case .end:
            readingRequest = false
            disarm()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), !readingRequest {
            // The exchange is over; the next request's head must come in time (keep-alive).
            arm(context, headTimeout)
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
