import Foundation
import Testing
@testable import StreamzServer

@Suite("streamz serve options")
struct ServeOptionsTests {
    @Test("defaults follow PROTOCOL.md section 5")
    func defaults() throws {
        let configuration = try ServerConfiguration(options: ServeOptions(), environment: [:])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.databasePath == "./streamz.db")
        #expect(configuration.bcryptCost == 12 && configuration.heartbeatInterval == .seconds(10))
        #expect(configuration.corsOrigins.isEmpty && !configuration.servesTLS)
    }

    @Test("STREAMZ_* variables apply; flags win over them")
    func environment() throws {
        let environment = [
            "STREAMZ_PORT": "9000", "STREAMZ_HOST": "0.0.0.0", "STREAMZ_DB": "/tmp/x.db",
            "STREAMZ_TURN": "turn:127.0.0.1:3478, turns:127.0.0.1:5349", "STREAMZ_TURN_SECRET": "s3",
            "STREAMZ_CORS_ORIGIN": "https://a.example,https://b.example", "STREAMZ_BCRYPT_COST": "10",
            "STREAMZ_HEARTBEAT_INTERVAL": "2.5", "STREAMZ_MAIL_OUTBOX": "/tmp/outbox", "STREAMZ_TLS_SELF_SIGNED": "true",
            "STREAMZ_STUN": "stun:127.0.0.1:3478",
        ]
        let fromEnvironment = try ServerConfiguration(options: ServeOptions(), environment: environment)
        #expect(fromEnvironment.port == 9000 && fromEnvironment.host == "0.0.0.0" && fromEnvironment.databasePath == "/tmp/x.db")
        #expect(fromEnvironment.turnURLs == ["turn:127.0.0.1:3478", "turns:127.0.0.1:5349"] && fromEnvironment.turnSecret == "s3")
        #expect(fromEnvironment.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(fromEnvironment.bcryptCost == 10 && fromEnvironment.heartbeatInterval == .milliseconds(2500))
        #expect(fromEnvironment.mailOutbox == "/tmp/outbox" && fromEnvironment.tlsSelfSigned)
        #expect(fromEnvironment.stunURLs == ["stun:127.0.0.1:3478"])

        var options = ServeOptions()
        options.port = "7000"
        options.corsOrigin = ["https://c.example"]
        let flagged = try ServerConfiguration(options: options, environment: environment)
        #expect(flagged.port == 7000 && flagged.corsOrigins == ["https://c.example"])
        #expect(ServerConfiguration.environmentName("turn-secret") == "STREAMZ_TURN_SECRET")
    }

    @Test("bad values are refused with the flag named")
    func refusals() {
        let cases: [[String: String]] = [
            ["STREAMZ_PORT": "eighty"], ["STREAMZ_PORT": "70000"], ["STREAMZ_BCRYPT_COST": "3"], ["STREAMZ_BCRYPT_COST": "300"],
            ["STREAMZ_HEARTBEAT_INTERVAL": "0"], ["STREAMZ_HEARTBEAT_INTERVAL": "soon"], ["STREAMZ_TURN": "turn:x"],
            ["STREAMZ_STUN": "http://x"], ["STREAMZ_TLS_CERT": "/tmp/c.pem"], ["STREAMZ_TLS_SELF_SIGNED": "maybe"],
            ["STREAMZ_TLS_SELF_SIGNED": "1", "STREAMZ_TLS_CERT": "/c", "STREAMZ_TLS_KEY": "/k"],
        ]
        for environment in cases {
            #expect(throws: ConfigurationError.self, "\(environment)") {
                try ServerConfiguration(options: ServeOptions(), environment: environment)
            }
        }
    }
}
