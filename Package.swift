// swift-tools-version:6.0
import PackageDescription

// Process model (see README "Architecture"): `resume-agent` is the supervisor and CLI;
// it spawns `resume-agent-gateway` (HTTP/SSE) and a warm pool of `resume-agent-worker`
// processes. Gateway and worker meet only in `IPC`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "resume-agent",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "resume-agent", targets: ["resume-agent"]),
        .executable(name: "resume-agent-gateway", targets: ["resume-agent-gateway"]),
        .executable(name: "resume-agent-worker", targets: ["resume-agent-worker"]),
        .executable(name: "resume-agent-document-worker", targets: ["resume-agent-document-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
    ],
    targets: [
        // MARK: C shims over system libraries (installed by scripts/setup.sh)
        // sd_notify and the journal (libsystemd); the workers' sandbox (libseccomp, Landlock and
        // capabilities through raw system calls); descriptor passing over Unix sockets.
        .target(
            name: "CSystemShims",
            // The sandbox probe's C half exists in debug (test) builds only, like its Swift half.
            cSettings: [.define("RA_SANDBOX_PROBE", .when(configuration: .debug))],
            linkerSettings: [.linkedLibrary("systemd"), .linkedLibrary("seccomp")]
        ),
        // Worker executables only (never a library, so never the test binary or another
        // program): interposes open(2) to keep libdispatch working under the worker's Landlock rules.
        .target(name: "CWorkerShims"),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        // libcurl is dlopened on first use, not linked (Sources/CCurl/shims.c says why).
        .target(name: "CCurl"),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // MARK: Libraries
        // The one JSON value type: IPC frames, provider wire formats, tool schemas.
        .target(name: "JSONCore", swiftSettings: swiftSettings),
        // The product's vocabulary shared by every process and the domain: workflow states and
        // their transitions, event types, run outcomes, export formats. Pure Swift, no deps.
        .target(name: "Contract", swiftSettings: swiftSettings),
        .target(
            name: "IPC",
            dependencies: [
                "Contract", "JSONCore", "CSystemShims",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceSupport",
            dependencies: [
                "CSystemShims",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Resume domain, no HTTP or IPC: import (ResumeKit), matching and truthful rewrites
        // (ResumeMatch), preview and export (ResumeRender). Workers use them; so does the CLI.
        // The pure part (the resume model, Markdown, recognition, job postings): no C library,
        // so the agent worker, which never parses untrusted binaries, links none of them.
        .target(name: "ResumeKit", swiftSettings: swiftSettings),
        // Reading uploads (PDF through poppler, DOCX through ZIPFoundation and the XML parser):
        // only the document worker (and the CLI) link it.
        .target(
            name: "ResumeImport",
            dependencies: [
                "ResumeKit", "CPoppler",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings,
            // Page images for the import review (poppler renders into a cairo surface).
            linkerSettings: [.linkedLibrary("cairo")]
        ),
        .target(
            name: "ResumeMatch",
            dependencies: ["ResumeKit"],
            // Vocabulary/ is the source of Resources/lexicon.bin (bench/vocabulary/README.md).
            exclude: ["Vocabulary"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ResumeRender",
            dependencies: [
                "Contract", "CPangoCairo", "CCmark",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // Outbound HTTP over libcurl, the address policy and the SSRF-safe page fetcher.
        .target(name: "NetGuard", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        // Provider kinds, their configuration (environment, config file), defaults and prices; no
        // transport, so the gateway prices usage with the same table the worker budgets with.
        .target(name: "ProviderCatalog", dependencies: ["JSONCore"], swiftSettings: swiftSettings),
        // LLM providers (OpenAI-compatible, Gemini): wire formats, streaming calls, the router; used by workers.
        .target(
            name: "Providers",
            dependencies: [
                "JSONCore", "ProviderCatalog", "NetGuard",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `resume-agent tailor`: the whole journey in one terminal command, in process.
        .target(
            name: "TailorCLI",
            dependencies: ["ResumeKit", "ResumeImport", "ResumeMatch", "ResumeRender"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Supervisor",
            dependencies: [
                "Contract", "IPC", "ServiceSupport", "CSystemShims", "TailorCLI", "Store", "ProviderCatalog", "NetGuard", "ResumeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The SQLite store (GRDB, WAL): sessions, runs, events, approvals, audit, files, tokens.
        .target(
            name: "Store",
            dependencies: ["Contract", "ServiceSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "IPC", "ServiceSupport", "Store", "ProviderCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // The web UI: plain HTML, CSS and ES modules, served as they are (no build step).
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),
        // What every worker is: start-up, the sandbox it confines itself in, the IPC loop.
        // SANDBOX_PROBE: the test-only entry point that attacks the sandbox from inside a real
        // worker (``SandboxProbe``), compiled into debug builds, which the tests run, and never
        // into the release build that is installed.
        .target(
            name: "WorkerCore",
            dependencies: [
                "Contract", "IPC", "JSONCore", "ServiceSupport", "CSystemShims",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings + [.define("SANDBOX_PROBE", .when(configuration: .debug))]
        ),
        // The agent worker: the agent loop, its tools, the providers. Network, keys per run; no
        // document library (previews and exports are document jobs the gateway runs for it).
        .target(
            name: "RunWorker",
            dependencies: [
                "WorkerCore", "Contract", "IPC", "JSONCore", "ServiceSupport", "ResumeKit", "ResumeMatch", "Providers", "ProviderCatalog",
                "NetGuard",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The document worker: imports, previews, exports, analyses, reading fetched pages. No
        // network, no keys.
        .target(
            name: "DocumentWorker",
            dependencies: [
                "WorkerCore", "Contract", "IPC", "JSONCore", "ResumeKit", "ResumeImport", "ResumeMatch", "ResumeRender",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (thin: each calls one `run…` function the tests also use)
        .executableTarget(name: "resume-agent", dependencies: ["Supervisor"], swiftSettings: swiftSettings),
        .executableTarget(name: "resume-agent-gateway", dependencies: ["Gateway"], swiftSettings: swiftSettings),
        .executableTarget(name: "resume-agent-worker", dependencies: ["RunWorker", "WorkerCore", "IPC", "CWorkerShims"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "resume-agent-document-worker", dependencies: ["DocumentWorker", "WorkerCore", "IPC", "CWorkerShims"], swiftSettings: swiftSettings),

        .executableTarget(
            name: "resume-agent-bench",
            dependencies: [
                "IPC", "CSystemShims", "Providers", "JSONCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "bench/Sources/resume-agent-bench",
            swiftSettings: swiftSettings
        ),
        // Scores PDF import against hand-written expected structures and times it (bench/import.sh).
        .executableTarget(
            name: "resume-agent-import-bench",
            dependencies: ["ResumeKit", "ResumeImport", "CPoppler"],
            path: "bench/Sources/resume-agent-import-bench",
            swiftSettings: swiftSettings
        ),
        // Requirement-extraction quality on the SkillSpan corpus and analysis timing (bench/README-quality.md).
        .executableTarget(
            name: "resume-agent-quality",
            dependencies: ["ResumeMatch"],
            path: "bench/Sources/resume-agent-quality",
            swiftSettings: swiftSettings
        ),
        // Load + chaos suite (bench/README.md): a fake OpenAI-compatible model in its own
        // process, and the driver that runs virtual users, chaos and the verifications.
        .executableTarget(
            name: "resume-agent-fakemodel",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "bench/Sources/resume-agent-fakemodel",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "resume-agent-load",
            dependencies: [
                "CSystemShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "bench/Sources/resume-agent-load",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ContractTests", dependencies: ["Contract"], swiftSettings: swiftSettings),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Contract", "ServiceSupport", "TestScratch", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Store", "IPC", "ServiceSupport", "TestScratch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "IPCTests", dependencies: ["IPC", "TestScratch"], swiftSettings: swiftSettings),
        .testTarget(name: "SupervisorTests", dependencies: ["Supervisor", "ServiceSupport", "TestScratch"], swiftSettings: swiftSettings),
        .testTarget(name: "ResumeKitTests", dependencies: ["ResumeKit", "ResumeImport"], swiftSettings: swiftSettings),
        .testTarget(name: "ResumeMatchTests", dependencies: ["ResumeMatch"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ResumeRenderTests",
            dependencies: ["ResumeRender", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        // Scratch directories every test target shares, removed when the test process exits.
        .target(name: "TestScratch", path: "Tests/TestScratch", swiftSettings: swiftSettings),
        // A local HTTP server the NetGuard and Providers tests script (shared, not copied).
        .target(
            name: "HTTPTestSupport",
            dependencies: [
                "JSONCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/HTTPTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "NetGuardTests", dependencies: ["NetGuard", "HTTPTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProviderCatalogTests", dependencies: ["ProviderCatalog", "Gateway", "TestScratch"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ProvidersTests",
            dependencies: ["Providers", "ProviderCatalog", "NetGuard", "JSONCore", "HTTPTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TailorCLITests", dependencies: ["TailorCLI", "ResumeImport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LoadSuiteTests",
            dependencies: ["resume-agent-fakemodel", "resume-agent-load", "Providers", .product(name: "NIOCore", package: "swift-nio")],
            path: "bench/Tests/LoadSuiteTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RunWorkerTests",
            dependencies: ["RunWorker", "DocumentWorker", "WorkerCore", "IPC", "Providers", "ProviderCatalog", "HTTPTestSupport", "TestScratch"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "IPC", "Gateway", "CSystemShims", "Store", "TestScratch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
