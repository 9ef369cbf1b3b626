import ArgumentParser

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "(not yet implemented)")
    func run() throws { throw ValidationError("course run is not implemented yet") }
}
