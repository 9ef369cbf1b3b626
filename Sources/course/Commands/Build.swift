import ArgumentParser

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "(not yet implemented)")
    func run() throws { throw ValidationError("course build is not implemented yet") }
}
