// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "runlens",
    products: [
        .executable(name: "runlens", targets: ["runlens"]),
        .library(name: "RunLens", targets: ["RunLens"]),
    ],
    targets: [
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "RunLens",
            dependencies: ["CZstd", "CZlib", "CMalloc"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .executableTarget(name: "runlens", dependencies: ["RunLens"]),
        .testTarget(
            name: "RunLensTests",
            dependencies: ["RunLens"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v5]
)
