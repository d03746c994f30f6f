import Logging

/// One routed model turn: the attempt state machine behind ``ProviderRouter/stream(_:)``.
actor RouterSession {
    private let router: ProviderRouter
    private let request: ChatRequest
    private var providerIndex = 0
    private var attempt = 0
    private var announced: Int?
    private var current: AsyncThrowingStream<ProviderEvent, any Error>.AsyncIterator?
    private var emittedOutput = false
    private var finished = false

    init(router: ProviderRouter, request: ChatRequest) {
        self.router = router
        self.request = request
    }

    func next() async throws -> ProviderEvent? {
        while !finished {
            guard var iterator = current else {
                if let selection = try startAttempt() { return selection }
                continue
            }
            do {
                let event = try await iterator.next(isolation: self)
                current = iterator
                guard let event else {
                    finished = true
                    return nil
                }
                emittedOutput = true
                return event
            } catch {
                current = nil
                try await recover(from: error)
            }
        }
        return nil
    }

    /// Opens the next attempt; returns the selection event when the provider changed.
    private func startAttempt() throws -> ProviderEvent? {
        guard providerIndex < router.entries.count else {
            finished = true
            throw ProviderError(.connection("no provider configured"), provider: router.name)
        }
        let provider = router.entries[providerIndex].provider
        attempt += 1
        emittedOutput = false
        current = provider.stream(request).makeAsyncIterator()
        guard announced != providerIndex else { return nil }
        announced = providerIndex
        return .providerSelected(name: provider.name, model: provider.model)
    }

    /// Prepares the next attempt for `error`, or rethrows it when there is none.
    private func recover(from error: any Error) async throws {
        guard !Task.isCancelled, !(error is CancellationError) else {
            finished = true
            throw CancellationError()
        }
        guard let failure = error as? ProviderError, !emittedOutput else { try giveUp(error) }
        let entry = router.entries[providerIndex]
        log(failure, entry: entry)
        if case .quirk(let quirk, _) = failure.kind {
            // The retry with the adjusted request does not count as an attempt.
            guard entry.provider.adopt(quirk) else { try giveUp(failure) }
            attempt -= 1
            return
        }
        guard failure.isTransient else { try giveUp(failure) }
        if attempt < entry.maxAttempts, let delay = backoff(for: failure) {
            try await router.sleeper.sleep(for: delay)
            return
        }
        guard providerIndex + 1 < router.entries.count else { try giveUp(failure) }
        providerIndex += 1
        attempt = 0
    }

    private func backoff(for failure: ProviderError) -> Duration? {
        let retryAfter = failure.retryAfter.map { $0.delay(from: router.now()) }
        return router.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, jitter: router.jitter())
    }

    private func giveUp(_ error: any Error) throws -> Never {
        finished = true
        throw error
    }

    private func log(_ failure: ProviderError, entry: ProviderRouter.Entry) {
        router.logger.warning(
            "provider attempt failed",
            metadata: [
                "provider": .string(entry.provider.name),
                "provider.model": .string(entry.provider.model),
                "provider.attempt": .stringConvertible(attempt),
                "error.code": .string(failure.code),
            ]
        )
    }
}
