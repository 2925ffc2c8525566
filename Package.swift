// swift-tools-version:6.1
import PackageDescription

// Targets follow DESIGN.md: the WebRTC core (StreamzRTC) imports only the C
// targets, the server and the client meet only in StreamzProtocol, and the
// `streamz` executable is the one place that imports everything.

let package = Package(
    name: "Streamz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "streamz", targets: ["streamz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "4.1.0"..<"6.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
    ],
    targets: [
        // MARK: System libraries (pkg-config names as Debian ships them)
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        .systemLibrary(name: "CVPX", pkgConfig: "vpx", providers: [.apt(["libvpx-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CStreamzShims", dependencies: ["COpenSSL", "CNcursesw", "CVPX", "COpus"]),

        // MARK: Streamz modules
        .target(name: "StreamzProtocol"),
        .target(
            name: "StreamzRTC",
            dependencies: ["COpenSSL", "CSRTP", "CVPX", "COpus", "CStreamzShims"]
        ),
        .target(
            name: "StreamzServer",
            dependencies: [
                "StreamzProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "StreamzClient",
            dependencies: [
                "StreamzProtocol", "StreamzRTC",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "StreamzTUI", dependencies: ["StreamzProtocol", "StreamzRTC", "CNcursesw", "CStreamzShims"]),
        // The monitor's client layer: StreamzTUI's command handler over StreamzClient.
        .target(
            name: "StreamzMonitor",
            dependencies: [
                "StreamzClient", "StreamzTUI", "StreamzProtocol", "StreamzRTC",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "streamz",
            dependencies: [
                "StreamzProtocol", "StreamzServer", "StreamzRTC", "StreamzTUI", "StreamzClient", "StreamzMonitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Benchmarks (plain harnesses that print figures; `make bench`)
        .executableTarget(name: "render-benchmark", dependencies: ["StreamzTUI", "StreamzRTC"], path: "Benchmarks/render"),
        .executableTarget(name: "media-benchmark", dependencies: ["StreamzRTC"], path: "Benchmarks/media"),
        .executableTarget(
            name: "server-benchmark",
            dependencies: [
                "StreamzProtocol",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/server"
        ),

        // MARK: Tests
        .testTarget(
            name: "StreamzSystemLibrariesTests",
            dependencies: [
                "CNcursesw", "COpenSSL", "CSRTP", "CVPX", "COpus", "CSQLite", "CStreamzShims",
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        // Helpers more than one test target needs (test targets cannot share sources).
        .target(name: "StreamzTestSupport", path: "Tests/StreamzTestSupport"),
        .testTarget(name: "StreamzProtocolTests", dependencies: ["StreamzProtocol"]),
        .testTarget(name: "StreamzRTCTests", dependencies: ["StreamzRTC"], exclude: ["Fixtures"]),
        .testTarget(name: "StreamzTUITests", dependencies: ["StreamzTUI"]),
        .testTarget(
            name: "StreamzClientTests",
            dependencies: [
                "StreamzClient", "StreamzServer", "StreamzProtocol", "StreamzRTC",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Runs the built `streamz` (serve, monitor under tmux, logout) and the monitor's client layer.
        .testTarget(
            name: "StreamzCLITests",
            dependencies: [
                "StreamzMonitor", "StreamzClient", "StreamzTUI", "StreamzProtocol", "StreamzRTC", "StreamzTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "StreamzServerTests",
            dependencies: [
                "StreamzServer", "StreamzProtocol", "StreamzTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
