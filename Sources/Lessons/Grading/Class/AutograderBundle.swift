import Foundation

/// The Gradescope autograder of one lesson (`course autograder 02 --out autograder.zip`): at the zip's root
/// `setup.sh` (run once when Gradescope builds the image: the Debian/Ubuntu packages, Swift, the course built in
/// release mode, MNIST, the reference solutions run and cached) and `run_autograder` (run per submission: grades
/// `/autograder/submission/` into `/autograder/results/results.json`, see ``GradescopeRun``), and `course/`: the
/// package's sources and this one lesson — no other lesson, no workbook, no cache. docs/GRADING.md says more.
///
///     try AutograderBundle(lesson: lesson, packageRoot: root, swiftVersion: "6.3.1").write(to: zipURL)
public struct AutograderBundle: Sendable {
    public var lesson: Lesson
    public var packageRoot: URL
    /// The Swift release setup.sh installs (the one that built this course: `6.3.1`).
    public var swiftVersion: String

    public init(lesson: Lesson, packageRoot: URL, swiftVersion: String) {
        self.lesson = lesson
        self.packageRoot = packageRoot
        self.swiftVersion = swiftVersion
    }

    /// `6.3.1` from `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    public static func release(ofCompiler version: String) -> String? {
        guard let range = version.range(of: #"Swift version [0-9]+(\.[0-9]+)*"#, options: .regularExpression) else { return nil }
        return String(version[range].dropFirst("Swift version ".count))
    }

    var lessonFile: String { lesson.url.lastPathComponent }

    /// Writes the zip (replacing it). Uses `zip`, else Python's zipfile module.
    public func write(to zip: URL) throws {
        let fm = FileManager.default
        let stage = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("course-autograder-\(UUID().uuidString)", isDirectory: true)
        defer { try? fm.removeItem(at: stage) }
        try stageFiles(in: stage)
        try? fm.removeItem(at: zip)
        try fm.createDirectory(at: zip.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tools: [[String]] = [["/usr/bin/zip", "-q", "-r", "-X", zip.path, "setup.sh", "run_autograder", "course"],
                                 ["/usr/bin/env", "python3", "-m", "zipfile", "-c", zip.path, "setup.sh", "run_autograder", "course"]]
        for tool in tools where fm.isExecutableFile(atPath: tool[0]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool[0])
            process.arguments = Array(tool.dropFirst())
            process.currentDirectoryURL = stage
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 0 && fm.fileExists(atPath: zip.path) { return }
        }
        throw ClassGradingError.cannotWrite(path: zip.path, reason: "neither zip nor python3 could make the archive "
            + "(Debian: apt-get install zip)")
    }

    /// The bundle's files, unzipped, in `folder` (what Gradescope extracts into `/autograder/source`).
    public func stageFiles(in folder: URL) throws {
        let fm = FileManager.default
        let course = folder.appendingPathComponent("course", isDirectory: true)
        do {
            try fm.createDirectory(at: course.appendingPathComponent("lessons"), withIntermediateDirectories: true)
            try fm.copyItem(at: packageRoot.appendingPathComponent("Package.swift"), to: course.appendingPathComponent("Package.swift"))
            let resolved = packageRoot.appendingPathComponent("Package.resolved")
            if fm.fileExists(atPath: resolved.path) {   // the same dependency versions as here
                try fm.copyItem(at: resolved, to: course.appendingPathComponent("Package.resolved"))
            }
            try fm.copyItem(at: packageRoot.appendingPathComponent("Sources"), to: course.appendingPathComponent("Sources"))
            try fm.copyItem(at: lesson.url, to: course.appendingPathComponent("lessons/" + lessonFile))
            for (name, text) in [("setup.sh", setupScript), ("run_autograder", runScript)] {
                let url = folder.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        } catch let error as ClassGradingError {
            throw error
        } catch {
            throw ClassGradingError.cannotWrite(path: folder.path, reason: error.localizedDescription)
        }
    }

    var lessonName: String { lesson.url.deletingPathExtension().lastPathComponent }

    /// Run once, as root, with the network, when Gradescope builds the autograder's image (Ubuntu).
    var setupScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once when it builds the autograder image (Ubuntu, as root, network on).
        # Written by `course autograder`; docs/GRADING.md explains each step.
        set -euo pipefail
        SWIFT_VERSION=\(swiftVersion)
        export DEBIAN_FRONTEND=noninteractive
        . /etc/os-release
        case "$VERSION_ID" in
          20.04) gcc=9 ;; 22.04) gcc=11 ;; 24.04) gcc=13 ;; *) gcc=12 ;;
        esac
        apt-get update -qq
        # The course's C libraries, the sandbox, and what the Swift toolchain itself needs on Ubuntu.
        apt-get install -y -qq --no-install-recommends \\
          ca-certificates curl bubblewrap pkg-config zip \\
          libcmark-gfm-dev libcmark-gfm-extensions-dev libgd-dev libopenblas-dev libssl-dev zlib1g-dev fonts-dejavu-core \\
          binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 "libgcc-$gcc-dev" "libstdc++-$gcc-dev" \\
          libpython3-dev libsqlite3-0 libxml2-dev libz3-dev tzdata unzip
        if ! command -v swiftc >/dev/null 2>&1; then
          platform="ubuntu$VERSION_ID"
          url="https://download.swift.org/swift-$SWIFT_VERSION-release/ubuntu${VERSION_ID//./}/swift-$SWIFT_VERSION-RELEASE/swift-$SWIFT_VERSION-RELEASE-$platform.tar.gz"
          curl -fsSL "$url" | tar -xz -C /opt
          ln -sfn "/opt/swift-$SWIFT_VERSION-RELEASE-$platform" /opt/swift
          export PATH=/opt/swift/usr/bin:$PATH
        fi
        cd /autograder/source/course
        swift build -c release
        # The lesson's data (MNIST, checksums verified) and its reference solutions, run once and cached.
        .build/release/course data fetch mnist
        .build/release/course autograder \(lessonName) --prepare

        """
    }

    /// Run for each submission; `COURSE_AUTOGRADER_ROOT` and `COURSE_BIN` let a test run it in a copy of the
    /// layout with a course built elsewhere.
    var runScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission: it grades /autograder/submission/ into
        # /autograder/results/results.json. Written by `course autograder`.
        set -uo pipefail
        ROOT="${COURSE_AUTOGRADER_ROOT:-/autograder}"
        export COURSE_AUTOGRADER_ROOT="$ROOT"
        export PATH="/opt/swift/usr/bin:$PATH"
        cd "$ROOT/source/course"
        COURSE="${COURSE_BIN:-$ROOT/source/course/.build/release/course}"
        exec "$COURSE" autograder \(lessonName) --grade-submission

        """
    }
}
