import Foundation
import StreamzMonitor
import Testing

@Suite("monitor and logout flags")
struct MonitorFlagsTests {
    @Test func defaultsToServesAddress() throws {
        let resolved = try MonitorFlags().resolve(environment: [:])
        #expect(resolved.server.normalized == "http://127.0.0.1:8080")
        #expect(resolved.maxKbps == nil)
    }

    @Test func variablesApplyAndFlagsWin() throws {
        let environment = ["STREAMZ_SERVER": "HTTP://Example.ORG:9000/", "STREAMZ_MAX_KBPS": "512"]
        let fromVariables = try MonitorFlags().resolve(environment: environment)
        #expect(fromVariables.server.normalized == "http://example.org:9000")
        #expect(fromVariables.maxKbps == 512)
        let fromFlags = try MonitorFlags(server: "https://streamz.test", maxKbps: "64.5").resolve(environment: environment)
        #expect(fromFlags.server.normalized == "https://streamz.test")
        #expect(fromFlags.maxKbps == 64.5)
        // An empty variable counts as unset.
        #expect(try MonitorFlags().resolve(environment: ["STREAMZ_SERVER": ""]).server.normalized == "http://127.0.0.1:8080")
    }

    @Test(arguments: ["0", "-3", "fast", "", "nan", "inf", "12kbps"])
    func badMaxKbpsIsRefusedWithTheFlagNamed(_ text: String) {
        #expect {
            try MonitorFlags(maxKbps: text).resolve(environment: [:])
        } throws: { error in
            (error as? MonitorFlagError)?.message.contains("--max-kbps") == true
        }
    }

    @Test(arguments: ["ftp://host", "not a url", "http://", "http://host?x=1", "\u{0}\u{1}"])
    func badServerIsRefused(_ text: String) {
        #expect(throws: MonitorFlagError.self) { try MonitorFlags(server: text).resolve(environment: [:]) }
    }
}
