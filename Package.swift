// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Exportal",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "exportal", targets: ["exportal"]),
        .library(name: "ExportalCore", targets: ["ExportalCore"]),
        // Not shipped with the tool: `make bench-*` builds and runs it.
        .executable(name: "exportal-bench", targets: ["ExportalBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `exportal serve` only: HTTP and WebSocket on plain sockets, without SwiftNIO.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark-gfm from the system (apt: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Pure domain values: control codes, diagnostics. No file or template I/O.
        .target(name: "ExportalDomain"),
        // The only place that touches cmark pointers.
        .target(name: "ExportalMarkdown", dependencies: ["CCmarkGFM", "ExportalDomain"]),
        .target(
            name: "ExportalCore",
            dependencies: [
                "ExportalDomain",
                "ExportalMarkdown",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "exportal",
            dependencies: [
                "ExportalCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // Benchmarks: generated corpora and measurements, beside the code and apart from the shipped
        // products. They reach internals through `package` access, never `public`.
        .target(
            name: "ExportalBenchmarks",
            dependencies: ["CCmarkGFM", "ExportalCore", "ExportalDomain", "ExportalMarkdown"],
            path: "Benchmarks/ExportalBenchmarks"
        ),
        .executableTarget(
            name: "ExportalBench",
            dependencies: ["ExportalBenchmarks", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/ExportalBench"
        ),
        .testTarget(name: "ExportalDomainTests", dependencies: ["ExportalDomain"]),
        .testTarget(name: "ExportalMarkdownTests", dependencies: ["ExportalMarkdown"]),
        .testTarget(
            name: "ExportalCoreTests",
            dependencies: ["ExportalCore", "ExportalDomain", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Golden", "BadInputs"]
        ),
        .testTarget(name: "ExportalBenchmarksTests", dependencies: ["ExportalBenchmarks", "ExportalCore", "ExportalDomain"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz`: libFuzzer targets, only when EXPORTAL_FUZZ=1 (scripts/fuzz.sh sets it and builds into
// .build-fuzz with `--sanitize=fuzzer`), so neither the shipped products nor `swift build` see them.
if Context.environment["EXPORTAL_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "ExportalFuzz",
        dependencies: ["ExportalCore", "ExportalDomain", "ExportalMarkdown"],
        path: "Fuzz/ExportalFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ))
    package.products.append(.executable(name: "exportal-fuzz", targets: ["ExportalFuzz"]))
}
