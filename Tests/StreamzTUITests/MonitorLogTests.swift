import Foundation
import Testing
@testable import StreamzTUI

@Suite("Monitor log file")
struct MonitorLogTests {
    @Test func pathFollowsXDGStateHome() {
        #expect(MonitorLog.defaultURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/streamz/monitor.log")
        #expect(MonitorLog.defaultURL(environment: ["HOME": "/h"])?.path == "/h/.local/state/streamz/monitor.log")
        // A relative XDG_STATE_HOME is invalid per the spec and ignored.
        #expect(MonitorLog.defaultURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])?.path
                == "/h/.local/state/streamz/monitor.log")
        #expect(MonitorLog.defaultURL(environment: [:]) == nil)
    }

    @Test func appendsLinesAndNeverLogsPasswords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("streamz/monitor.log")
        let log = try MonitorLog(url: url)
        let command = MonitorCommand.login(server: "http://127.0.0.1:8080", email: "ada@example.com", password: "hunter22")
        log.write(command.logDescription, at: MonitorFixture.t0)
        let again = try MonitorLog(url: url)
        again.write("second\nline", at: MonitorFixture.t0)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "2026-11-18T11:06:40.000Z login ada@example.com at http://127.0.0.1:8080\n2026-11-18T11:06:40.000Z second line\n")
        #expect(!text.contains("hunter22"))
        let mode = try FileManager.default.attributesOfItem(atPath: url.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func twoWritersOfOneFileNeverOverwriteEachOther() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("streamz/monitor.log")
        let screen = try MonitorLog(url: url)
        let client = try MonitorLog(url: url)
        for index in 0..<3 {
            screen.write("screen \(index)", at: MonitorFixture.t0)
            client.write("client \(index)", at: MonitorFixture.t0.addingTimeInterval(0.25))
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines == (0..<3).flatMap { index in
            ["2026-11-18T11:06:40.000Z screen \(index)", "2026-11-18T11:06:40.250Z client \(index)"].map { Substring($0) }
        })
    }
}
