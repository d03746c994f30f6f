import NIOCore
import NIOHTTP1

/// Reads responses for ``HTTPConnection``: either whole (into a promise) or as a stream (into
/// a continuation). Only ever touched on its channel's event loop.
final class HTTPResponseHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    enum Consumer {
        case whole(EventLoopPromise<HTTPResult>)
        case stream(AsyncThrowingStream<HTTPStreamPart, any Error>.Continuation)
    }

    private var consumer: Consumer?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var answered = false
    private var open = true
    private var keepAlive = true
    private var timeout: TimeAmount = .seconds(30)
    private var timer: Scheduled<Void>?
    private weak var channel: (any Channel)?

    var isIdleAndOpen: Bool { open && consumer == nil && keepAlive }

    func begin(_ consumer: Consumer, timeout: TimeAmount, channel: any Channel) {
        guard open else {
            fail(consumer, HTTPClientError.closed(answered: false))
            return
        }
        self.consumer = consumer
        self.channel = channel
        self.timeout = timeout
        head = nil
        body = nil
        answered = false
        armTimer()
    }

    /// Whole responses time out as a whole; streams time out when idle this long.
    private func armTimer() {
        timer?.cancel()
        guard let channel else { return }
        timer = channel.eventLoop.scheduleTask(in: timeout) { [weak self] in
            guard let self, self.consumer != nil else { return }
            self.finish(error: HTTPClientError.timedOut)
            channel.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        answered = true
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
            keepAlive = responseHead.isKeepAlive
            if case .stream(let continuation) = consumer {
                continuation.yield(.head(status: Int(responseHead.status.code), headers: responseHead.headers))
                armTimer()
            }
        case .body(var part):
            switch consumer {
            case .stream(let continuation):
                continuation.yield(.body(part))
                armTimer()
            case .whole:
                if body == nil { body = part } else { body!.writeBuffer(&part) }
            case nil:
                break
            }
        case .end:
            timer?.cancel()
            let finished = consumer
            consumer = nil
            switch finished {
            case .whole(let promise):
                let status = Int(head?.status.code ?? 0)
                promise.succeed(HTTPResult(status: status, headers: head?.headers ?? [:], body: body ?? ByteBuffer()))
            case .stream(let continuation):
                continuation.finish()
            case nil:
                break
            }
            if !keepAlive { context.close(promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        open = false
        finish(error: HTTPClientError.closed(answered: answered))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(error: HTTPClientError.closed(answered: answered))
        context.close(promise: nil)
    }

    private func finish(error: any Error) {
        timer?.cancel()
        guard let current = consumer else { return }
        consumer = nil
        fail(current, error)
    }

    private func fail(_ consumer: Consumer, _ error: any Error) {
        switch consumer {
        case .whole(let promise): promise.fail(error)
        case .stream(let continuation): continuation.finish(throwing: error)
        }
    }
}
