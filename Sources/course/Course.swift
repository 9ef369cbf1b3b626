import ArgumentParser

/// `course` — run the lessons, build the site, check exercises, fetch data.
@main
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "A literate deep-learning course that runs, in Swift.",
        discussion: """
            Lessons are Markdown files in lessons/ whose swift cells run against DLKit.
              course list                 the lessons, with titles and whether their results are cached
              course run 03               run lesson 03 and print each cell's answers
              course build                build the static site into site/
              course exercises 02 --out DIR   write a workbook of lesson 02's exercises
              course check DIR/02-….md    grade a workbook
              course data fetch mnist     download and verify MNIST
            """,
        subcommands: [List.self, Run.self, Build.self, Exercises.self, Check.self, DataCommand.self]
    )
}
