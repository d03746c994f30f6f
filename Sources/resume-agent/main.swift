import Supervisor

await ResumeAgentCommand.runFromCommandLine()
