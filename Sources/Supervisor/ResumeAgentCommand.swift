import ArgumentParser

/// `resume-agent`: the one command users and operators run.
public struct ResumeAgentCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "resume-agent",
        abstract: "Tailor a resume to a job description, with a human approving every change.",
        subcommands: [ServeCommand.self, TailorCommand.self, TenantCommand.self, TokenCommand.self, UsageCommand.self, GCCommand.self],
        defaultSubcommand: nil
    )
    public init() {}
}

extension ResumeAgentCommand {
    /// Parses the command line and runs the chosen subcommand (async-aware; the stock
    /// `main()` refuses async subcommands under a synchronous root on Linux).
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
