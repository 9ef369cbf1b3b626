import Foundation
import Lessons
import XCTest

/// The submission screen reads student code with the real Swift parser: each rule refuses what it must, with the
/// workbook line, the known attacks are refused, and every lesson's honest code passes.
final class SubmissionScreenTests: XCTestCase {
    /// Student code as it sits in a workbook: its first line is line 20 of `work/w.md`.
    private func code(_ text: String) -> CodeSnippet { CodeSnippet(code: text, file: "work/w.md", line: 20) }

    private func reason(_ text: String) -> ScreenRefusal.Reason? { SubmissionScreen.refusal(in: code(text))?.reason }

    /// An exercise whose starter declares `pooledSize` and whose checks use `map`, `conv2d`, `Tensor`, `==`.
    private let exercise = Exercise(
        id: "e", points: 1, prompt: "",
        starter: CodeSnippet(code: "func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { 0 }\n", file: "l.md", line: 5),
        solution: nil,
        checks: [ExerciseCheck(number: 1, code: CodeSnippet(code: """
            checkEqual(pooledSize(26, window: 2, stride: 2), 13)
            let values = [1, 2].map { index in map.scalar(at: [0, 0, index, index]) }
            check(values.allSatisfy { v in v == conv2d(Tensor([v])).scalars[0] })
            """, file: "l.md", line: 9), hidden: false)])

    private func namesReason(_ text: String) -> ScreenRefusal.Reason? {
        SubmissionScreen.refusal(in: code(text), exercise: exercise)?.reason
    }

    // MARK: Parsing

    func testCodeThatDoesNotParseIsRefusedWithItsWorkbookLine() {
        let refusal = SubmissionScreen.refusal(in: code("let a = 1\nlet b = (2 +\n"))
        XCTAssertEqual(refusal?.reason, .doesNotParse)
        XCTAssertTrue(refusal?.description.hasPrefix("work/w.md:2") ?? false, refusal?.description ?? "nil")
        XCTAssertEqual(reason("let s = \"never closed\n"), .doesNotParse)
    }

    func testAClosingBraceThatWouldLeaveTheExerciseScopeIsRefused() {
        // `}` closes the generated `if` scope, and what follows would run at top level, outside the exercise.
        let refusal = SubmissionScreen.refusal(in: code("func f() {\n}\n}\nlet escaped = 1\n"))
        XCTAssertEqual(refusal?.reason, .unbalancedBraces)
        XCTAssertEqual(refusal?.location, "work/w.md:22")
        XCTAssertTrue(refusal?.description.contains("every { closed") ?? false)
        XCTAssertEqual(reason("func f() {\n  let x = 1\n"), .unbalancedBraces)
        // Balanced in number, but the first `}` closes the scope and the last `{` reopens it.
        XCTAssertEqual(reason("}\nlet outside = 1\nif true {"), .unbalancedBraces)
        // A brace inside a string is not a brace.
        XCTAssertNil(reason("let s = \"}\"\nlet t = #\"{\"#"))
    }

    func testAnUnclosedBlockCommentThatWouldSwallowTheChecksIsRefused() {
        XCTAssertEqual(reason("let x = 1\n/* the checks after this line would vanish"), .unclosedComment)
        XCTAssertEqual(reason("/* nested /* */ still open"), .unclosedComment)
        XCTAssertNil(reason("/* nested /* checkEqual */ still comment */ let x = 1"))
    }

    // MARK: Imports, attributes, directives

    func testAnyImportIsRefused() {
        let refusal = SubmissionScreen.refusal(in: code("let x = 1\nimport Glibc"))
        XCTAssertEqual(refusal?.reason, .imports("Glibc"))
        XCTAssertEqual(refusal?.location, "work/w.md:21")
        XCTAssertEqual(reason("import func Foundation.exit"), .imports("Foundation.exit"))
        XCTAssertEqual(reason("import DLKit"), .imports("DLKit"))
    }

    func testCompilerInternalAttributesAreRefused() {
        XCTAssertEqual(reason("@_silgen_name(\"swift_retain\") func grab(_ x: AnyObject)"), .attribute("_silgen_name"))
        XCTAssertEqual(reason("@_cdecl(\"main\") func f() {}"), .attribute("_cdecl"))
        XCTAssertEqual(reason("@_implementationOnly import Glibc"), .imports("Glibc"))   // the import comes first
        XCTAssertEqual(reason("@_transparent func f() {}"), .attribute("_transparent"))
        XCTAssertEqual(reason("@extern(c, \"getenv\") func g(_ s: String) -> Int"), .attribute("extern"))
        XCTAssertNil(reason("@discardableResult func f() -> Int { 1 }\n@inline(__always) func g() {}"))
    }

    func testCompilerDirectivesAndMacrosAreRefused() {
        XCTAssertEqual(reason("#if os(Linux)\nlet x = 1\n#endif"), .directive("#if"))
        XCTAssertEqual(reason("#sourceLocation(file: \"lessons/02-pooling.md\", line: 300)\nlet x = 1"),
                       .directive("#sourceLocation"))
        XCTAssertEqual(reason("let f = #externalMacro(module: \"M\", type: \"T\")"), .directive("#externalMacro"))
        XCTAssertEqual(reason("#warning(\"hi\")"), .directive("#warning"))
        XCTAssertEqual(reason("let here = #filePath"), .directive("#filePath"))
        XCTAssertEqual(reason("let l = #line"), .directive("#line"))
        XCTAssertEqual(reason("macro fake() = #externalMacro(module: \"A\", type: \"B\")"), .directive("macro fake"))
    }

    // MARK: Names

    func testAForgedCheckCallInsideAStringInterpolationIsRefused() {
        // The old lexer blanked string literals, interpolations included: this call passed unseen.
        let refusal = SubmissionScreen.refusal(in: code("let note = \"\\(checkEqual(1, 1))\""))
        XCTAssertEqual(refusal?.reason, .graderName("checkEqual"))
        XCTAssertEqual(reason("print(\"\\(\"\\(ExerciseScope.leave())\")\")"), .graderName("ExerciseScope"))
        XCTAssertEqual(reason("let s = \"\"\"\n  \\(CourseProgram.finish())\n  \"\"\""), .graderName("CourseProgram"))
    }

    func testARawStringDoesNotHideTheCodeAfterIt() {
        // In `#"\"#` the backslash is not an escape: the old lexer read `"#; func checkClose…` as a string.
        XCTAssertEqual(reason("let s = #\"\\\"#; func checkClose(_ a: Double, _ b: Double) {}"), .graderName("checkClose"))
        XCTAssertEqual(reason("let s = #\"\\\"#\n}\nimport Foundation"), .unbalancedBraces)
        XCTAssertNil(reason("let s = #\"\\\"#\nlet t = ##\"a \"# b\"##"))
    }

    func testEveryPublicNameOfTheRuntimeIsRefusedInAnyRole() {
        XCTAssertEqual(reason("func checkClose(_ a: Double, _ b: Double) {}"), .graderName("checkClose"))
        XCTAssertEqual(reason("let check = { (b: Bool) in }"), .graderName("check"))
        XCTAssertEqual(reason("CourseRuntime.ExerciseScope.beginCheck(0, hidden: false)"), .graderName("CourseRuntime"))
        XCTAssertEqual(reason("let `RuntimeChannel` = 1"), .graderName("RuntimeChannel"))
        XCTAssertEqual(reason("func f(x: Int) -> Int { x }\nlet y = f(x: RuntimeEvent.self == RuntimeEvent.self ? 1 : 0)"),
                       .graderName("RuntimeEvent"))
        // Mentions in comments and strings are fine.
        XCTAssertNil(reason("// check this: checkClose\nlet s = \"check }\"\nfunc checked() -> Int { 1 }"))
    }

    func testTheRuntimeNameListHoldsEveryPublicTopLevelNameOfCourseRuntimeAndCourseWire() throws {
        let sources = GradingFixture.packageRoot.appendingPathComponent("Sources")
        var found: [String] = []
        for module in ["CourseRuntime", "CourseWire"] {
            let folder = sources.appendingPathComponent(module)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            XCTAssertFalse(files.isEmpty, module)
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for name in RuntimeAPINames.publicTopLevelNames(in: text) {
                    found.append(name)
                    XCTAssertTrue(RuntimeAPINames.all.contains(name),
                                  "\(module)/\(file) declares public `\(name)`: add it to RuntimeAPINames.all")
                }
            }
        }
        XCTAssertTrue(found.contains("checkEqual") && found.contains("WireEvent"), "\(found)")
    }

    func testPublicTopLevelNamesAreReadFromEveryKindOfDeclaration() {
        let source = """
            public func a() {}
            func hidden() {}
            public struct B { public func member() {} }
            public enum C {}
            open class D {}
            public var e = 1, f = 2
            public let (g, h) = (1, 2)
            public typealias I = Int
            public protocol J {}
            extension B { public func extensionMember() {} }
            """
        XCTAssertEqual(RuntimeAPINames.publicTopLevelNames(in: source), ["a", "B", "C", "D", "e", "f", "g", "h", "I", "J"])
    }

    func testUnsafeMemoryAPIsAreRefused() {
        XCTAssertEqual(reason("let p = Unmanaged.passUnretained(self as AnyObject)"), .unsafeAPI("Unmanaged"))
        XCTAssertEqual(reason("var x = 1\nwithUnsafeMutablePointer(to: &x) { $0.pointee = 2 }"),
                       .unsafeAPI("withUnsafeMutablePointer"))
        XCTAssertEqual(reason("let y = unsafeBitCast(1, to: Double.self)"), .unsafeAPI("unsafeBitCast"))
        XCTAssertEqual(reason("let p: UnsafeMutableRawPointer? = nil"), .unsafeAPI("UnsafeMutableRawPointer"))
        XCTAssertEqual(reason("let o: OpaquePointer? = nil"), .unsafeAPI("OpaquePointer"))
        XCTAssertEqual(reason("let s = dlsym(nil, \"getenv\")"), .unsafeAPI("dlsym"))
        XCTAssertEqual(reason("let a = [1]\na.withUnsafeBufferPointer { _ in }"), .unsafeAPI("withUnsafeBufferPointer"))
    }

    func testFileProcessDescriptorAndEnvironmentEscapesAreRefused() {
        XCTAssertEqual(reason("FileHandle.standardError.write(\"x\")"), .escape("FileHandle"))
        XCTAssertEqual(reason("let names = try FileManager.default.contentsOfDirectory(atPath: \"/\")"), .escape("FileManager"))
        XCTAssertEqual(reason("let home = ProcessInfo.processInfo.environment[\"HOME\"]"), .escape("ProcessInfo"))
        XCTAssertEqual(reason("let p = Process()"), .escape("Process"))
        XCTAssertEqual(reason("let t = getenv(\"COURSE_CHECK_TOKEN\")"), .escape("getenv"))
        XCTAssertEqual(reason("_ = dup2(1, 3)"), .escape("dup2"))
        XCTAssertEqual(reason("setvbuf(stdout, nil, 0, 0)"), .escape("setvbuf"))
        XCTAssertEqual(reason("let n = fputs(\"x\", stderr)"), .escape("fputs"))
        XCTAssertEqual(reason("Thread.detachNewThread { }"), .escape("Thread"))
        XCTAssertEqual(reason("DispatchQueue.global().async { }"), .escape("DispatchQueue"))
        XCTAssertEqual(reason("Task { }"), .escape("Task"))
        XCTAssertEqual(reason("let s = NSString(string: \"/etc/passwd\")"), .escape("NSString"))
        XCTAssertEqual(reason("let u = URL(fileURLWithPath: \"/x\")"), .escape("URL"))
        XCTAssertEqual(reason("let f = Glibc.open"), .escape("Glibc"))
        XCTAssertEqual(reason("Foundation.exit(0)"), .escape("Foundation"))
        // Math through the module (lessons write `Foundation.exp` because DLKit has a tensor `exp`) is fine.
        XCTAssertNil(reason("let e = [1.0].map { Foundation.exp($0) + Glibc.log(2.0) }"))
        // DLKit's path-taking readers and writers: a path may be /proc/self/fd/3, the lesson wire.
        XCTAssertEqual(reason("try SafeTensors.save([:], to: \"/proc/self/fd/3\")"), .escape("SafeTensors"))
        XCTAssertEqual(reason("let m = Linear(2, 2)\ntry m.save(to: \"/proc/self/fd/3\")"), .escape("save(to:)"))
        XCTAssertEqual(reason("let m = Linear(2, 2)\nlet f = m.load(from:)"), .escape("load(from:)"))
        XCTAssertEqual(reason("func f() async -> Int { 1 }\nlet x = await f()"), .escape("await"))
        // Everyday names are refused as bare references (the C function), not as members.
        XCTAssertEqual(reason("let fd = open(\"/work/lessons/02-pooling.md\", 0)"), .escape("open"))
        XCTAssertEqual(reason("kill(1, 9)"), .escape("kill"))
        XCTAssertEqual(reason("let h = signal"), .escape("signal"))
        XCTAssertEqual(reason("system(\"ls\")"), .escape("system"))
        // glibc's wordexp runs /bin/sh for `$(…)` (found by attacking a graded lesson 07 workbook).
        XCTAssertEqual(reason("var w = wordexp_t()\n_ = wordexp(\"$(id)\", &w, 0)"), .escape("wordexp"))
        XCTAssertEqual(reason("_ = execveat(-100, \"/bin/sh\", nil, nil, 0)"), .escape("execveat"))
        XCTAssertNil(reason("var a = [1, 2]\na.remove(at: 0)\nlet signalStrength = a.count\nstruct S { func open() {} }\nS().open()"))
    }

    func testReadingAFileThroughAnInitializerIsRefusedButAppendingContentsIsNot() {
        XCTAssertEqual(reason("let s = try String(contentsOf: .init(string: \"file:///etc/passwd\")!, encoding: .utf8)"),
                       .readsFiles("String"))
        XCTAssertEqual(reason("let d = try? Data.init(contentsOf: .init(string: \"file:///x\")!)"), .readsFiles("Data"))
        XCTAssertEqual(reason("let make = String.init(contentsOf:encoding:)"), .readsFiles("init"))
        XCTAssertNil(reason("var a = [1]\na.append(contentsOf: [2, 3])\na.insert(contentsOf: [0], at: 0)"))
    }

    func testUnderscoredNamesAreRefusedUnlessTheCodeDeclaresThem() {
        XCTAssertEqual(reason("let n = _getRetainCount(1 as AnyObject)"), .underscoredName("_getRetainCount"))
        XCTAssertNil(reason("let _count = 3\nfunc f(_ _x: Int) -> Int { _x + _count }"))
    }

    // MARK: Names the checks use

    func testEveryTopLevelBindingFormOfANameTheChecksUseIsRefused() {
        let forms = [
            "let a = 1, map = 2": "map",
            "let (x, conv2d) = (1, { (t: Int) in t })": "conv2d",
            "let (x, (y, conv2d)) = (1, (2, 3))": "conv2d",
            "var map = [Int]()": "map",
            "func conv2d(_ x: Int) -> Int { x }": "conv2d",
            "struct Tensor {}": "Tensor",
            "class Tensor {}": "Tensor",
            "enum Tensor {}": "Tensor",
            "actor Tensor {}": "Tensor",
            "protocol Tensor {}": "Tensor",
            "typealias Tensor = [Float]": "Tensor",
            "guard let map = Optional(1) else { fatalError() }": "map",
            "guard case let (_, conv2d)? = Optional((1, 2)) else { fatalError() }": "conv2d",
            "func ==(a: Int, b: Int) -> Bool { true }": "==",
            "typealias IntegerLiteralType = Double": "IntegerLiteralType",
        ]
        for (code, name) in forms {
            XCTAssertEqual(namesReason(code), .replacesLessonName(name), code)
        }
        let refusal = SubmissionScreen.refusal(in: code("let ok = 1\nlet a = 1, map = 2"), exercise: exercise)
        XCTAssertEqual(refusal?.location, "work/w.md:21")
    }

    func testDeclarationsInsideBodiesTheStartersNamesAndTheChecksOwnNamesAreFine() {
        let honest = """
            func helper(_ t: Int) -> Int { let map = t; return map }
            let table = { () -> Int in let conv2d = 2; return conv2d }()
            do { let Tensor = 1; _ = Tensor }
            let values = 3
            let index = 4
            func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { (n - window) / stride + 1 + helper(0) * values * index }
            """
        // `values` is the check's own (top level of the check); `index` is the check's closure parameter.
        XCTAssertNil(SubmissionScreen.refusal(in: code(honest), exercise: exercise))
    }

    func testAStartersNameDeclaredTwiceIsRefused() {
        let overload = "func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { 1 }\n"
            + "func pooledSize(_ n: Int, window: Int, stride: Int) -> Double { 1 }"
        let refusal = SubmissionScreen.refusal(in: code(overload), exercise: exercise)
        XCTAssertEqual(refusal?.reason, .declaredTwice("pooledSize"))
        XCTAssertEqual(refusal?.location, "work/w.md:21")
    }

    func testTheFixtureLessonsHiddenCheckNamesCannotBeReplaced() throws {
        let exercises = Exercise.all(in: try GradingFixture.lesson())
        let square = exercises[0], relu = exercises[1]
        // The hidden check compares against the lesson's `sample`: a student's own would replace it.
        XCTAssertEqual(SubmissionScreen.refusal(in: code("let sample: [Double] = []\nfunc square(_ x: Double) -> Double { 0 }"),
                                                exercise: square),
                       ScreenRefusal(location: "work/w.md:20", reason: .replacesLessonName("sample")))
        // relu's check builds its expected value with `Tensor`: a student's own Tensor type is refused.
        XCTAssertEqual(SubmissionScreen.refusal(in: code("struct Tensor {}\nfunc relu(_ t: Tensor) -> Tensor { t }"),
                                                exercise: relu)?.reason, .replacesLessonName("Tensor"))
        // The check's own `input` is declared at the check's top level: a student's `input` cannot replace it.
        XCTAssertNil(SubmissionScreen.problem(in: code("let input = 1\nfunc relu(_ t: Tensor) -> Tensor { t }"), exercise: relu))
        // The starter's own names, helpers the checks do not use, and names inside a function body are fine.
        XCTAssertNil(SubmissionScreen.problem(in: code("func square(_ x: Double) -> Double { x * x }"), exercise: square))
        XCTAssertNil(SubmissionScreen.problem(in: code("let factor = 1.0\nfunc helper(_ x: Double) -> Double { x * factor }\n"
                                                       + "func square(_ x: Double) -> Double { let sample = x; return helper(sample) * x }"),
                                              exercise: square))
    }

    // MARK: The lessons stay gradable

    func testEveryLessonsSolutionAndStarterPassesTheScreen() throws {
        let folder = GradingFixture.packageRoot.appendingPathComponent("lessons", isDirectory: true)
        var screened = 0
        for url in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        where url.pathExtension == "md" && url.lastPathComponent != "README.md" {
            let lesson = try Lesson(contentsOf: url, displayPath: "lessons/" + url.lastPathComponent)
            for exercise in Exercise.all(in: lesson) {
                XCTAssertNil(SubmissionScreen.problem(in: exercise.starter, exercise: exercise), "starter of \(exercise.id)")
                guard let solution = exercise.solution else { continue }
                XCTAssertNil(SubmissionScreen.problem(in: solution, exercise: exercise), "solution of \(exercise.id)")
                screened += 1
            }
        }
        XCTAssertGreaterThanOrEqual(screened, 20, "the lessons have at least 20 solutions")
    }
}
