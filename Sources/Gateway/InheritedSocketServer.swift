import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Serves HTTP on a listening socket we were handed (systemd socket activation, passed on by
/// the supervisor) instead of binding one. Hummingbird's `Application` only binds addresses,
/// so this reuses its HTTP/1 channel and router responder on NIO's bind-to-socket bootstrap.
struct InheritedSocketServer<Responder: HTTPResponder>: Service
where Responder.Context: RequestContext, Responder.Context.Source == ApplicationRequestContextSource {
    let fd: CInt
    let responder: Responder
    let configuration: HTTP1Channel.Configuration
    let logger: Logger
    let onServerRunning: @Sendable (any Channel) async -> Void

    func run() async throws {
        let responder = self.responder
        let logger = self.logger
        let http = HTTP1Channel(
            responder: { request, responseWriter, channel in
                let context = Responder.Context(source: .init(channel: channel, logger: logger))
                let response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch let error as any HTTPResponseError {
                    response = try error.response(from: request, context: context)
                } catch {
                    response = Response(status: .internalServerError)
                }
                try await responseWriter.write(response: response.head, body: response.body)
            },
            configuration: configuration
        )
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(fd, cleanupExistingSocketFile: false) { channel in
                http.setup(channel: channel, logger: logger)
            }
        logger.info("serving on inherited socket", metadata: ["fd": "\(fd)"])
        await onServerRunning(server.channel)
        try await withThrowingDiscardingTaskGroup { group in
            try await withGracefulShutdownHandler {
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await http.handle(value: connection, logger: logger) }
                    }
                }
            } onGracefulShutdown: {
                // Stop accepting; requests in flight finish (bounded by the drain deadline).
                server.channel.close(promise: nil)
            }
        }
    }
}
