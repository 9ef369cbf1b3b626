// swift-tools-version:6.0
import PackageDescription

// System libraries are found through pkg-config; scripts/setup installs the Debian packages.
let package = Package(
    name: "course",
    products: [
        .executable(name: "course", targets: ["course"]),
        .executable(name: "dlkit-bench", targets: ["dlkit-bench"]),
        // Lesson programs are compiled at run time against this one shared library.
        .library(name: "CourseKit", type: .dynamic, targets: ["DLKit", "Render", "CourseWire", "CourseRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The submission screen reads student code with the real Swift parser (603 = Swift 6.3's).
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        // `course serve`: a small HTTP + WebSocket server on Swift concurrency, no SwiftNIO (see Sources/Preview).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGD", pkgConfig: "gdlib", providers: [.apt(["libgd-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "Checksum", dependencies: ["CCrypto"]),
        .target(name: "DLKit", dependencies: ["CBLAS", "CZlib", "CGD", "Checksum"], exclude: ["README.md"]),
        // The lesson model (lessons, cells, prose trees, results), below both Lessons and Render.
        .target(name: "CourseModel", dependencies: ["CourseWire"]),
        .target(name: "Render", dependencies: ["CGD", "CourseModel", "Checksum"], exclude: ["README.md"]),
        .target(name: "CourseWire"),
        .target(name: "CourseRuntime", dependencies: ["DLKit", "Render", "Checksum", "CourseWire"]),
        .target(name: "Lessons", dependencies: [
            "CCmarkGFM", "CourseModel", "Checksum", "CourseWire", "Render",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // The author's live preview: watcher, rebuild scheduler, HTTP server with reload injection.
        .target(name: "Preview", dependencies: ["Lessons", "Render", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "course", dependencies: [
            "Lessons", "Render", "DLKit", "Preview",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dlkit-bench", dependencies: ["DLKit", "CBLAS"]),

        .testTarget(name: "DLKitTests", dependencies: ["DLKit", "CBLAS"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "CGD", "Lessons"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Render"], exclude: ["Fixtures"]),
        .testTarget(name: "CourseWireTests", dependencies: ["CourseWire"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Lessons"]),
    ],
    swiftLanguageModes: [.v5]
)
