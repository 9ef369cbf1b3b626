import ArgumentParser

struct Exercises: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercises", abstract: "(not yet implemented)")
    func run() throws { throw ValidationError("course exercises is not implemented yet") }
}
