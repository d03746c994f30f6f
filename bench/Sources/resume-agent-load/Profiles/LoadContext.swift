import NIOCore

/// What every profile runner works with: the plan, the service, the event loops the clients
/// share, and the shared recorder and ledger.
struct LoadContext: Sendable {
    let plan: LoadPlan
    let service: ServiceUnderTest
    let group: any EventLoopGroup
    let recorder: Recorder
    let ledger: Ledger
    let fixtures: Fixtures

    /// A new client (one per virtual user, like one browser each).
    func client() -> HTTPClient {
        HTTPClient(group: group, port: service.port, token: service.token)
    }

    /// A client with the admin token (for `/metrics`).
    func adminClient() -> HTTPClient {
        HTTPClient(group: group, port: service.port, token: service.adminToken ?? service.token)
    }

    func api(_ client: HTTPClient, recorder: Recorder? = nil) -> ServiceAPI {
        var api = ServiceAPI(client: client, recorder: recorder ?? self.recorder, chaos: plan.chaos != nil)
        let service = self.service
        api.serviceGone = { !service.supervisorAlive }
        return api
    }

    func sampler() -> ProcessSampler? {
        service.supervisorPid.map { ProcessSampler(supervisor: $0, fakeModel: service.model?.pid) }
    }

    /// A session with a resume and a job description, ready for messages (setup, not measured).
    func preparedSession(_ api: ServiceAPI, index: Int) async throws -> String {
        let session = try await api.createSession()
        ledger.session(session)
        // Markdown uploads keep the setup light; the journeys profiles upload every format.
        let markdown = fixtures.resumes.filter { $0.contentType == "text/markdown" }
        let resume = markdown.isEmpty ? fixtures.resumes[index % fixtures.resumes.count] : markdown[index % markdown.count]
        try await api.uploadResume(session, resume)
        try await api.giveJobDescription(session, fixtures.jobDescriptions[index % fixtures.jobDescriptions.count])
        return session
    }
}
