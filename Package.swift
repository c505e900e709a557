// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Exportal",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "exportal", targets: ["exportal"]),
        .library(name: "ExportalCore", targets: ["ExportalCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
            ]
        ),
        .testTarget(name: "ExportalDomainTests", dependencies: ["ExportalDomain"]),
        .testTarget(name: "ExportalMarkdownTests", dependencies: ["ExportalMarkdown"]),
        .testTarget(
            name: "ExportalCoreTests",
            dependencies: ["ExportalCore", "ExportalDomain"],
            exclude: ["Golden", "BadInputs"]
        ),
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
