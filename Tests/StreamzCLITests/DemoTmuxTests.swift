import Foundation
import Testing

/// `streamz demo` (what `make demo` opens) as a person sees it under tmux:
/// the embedded server, its three simulated devices and the monitor. A
/// session on a test-pattern device shows coloured block characters and a
/// stats line with the connection type; `g` adds a second live stream
/// beside it; `q` leaves the terminal clean.
@Suite("streamz demo under tmux", .serialized,
       .enabled(if: TmuxPane.available, "needs tmux (apt-get install tmux)"))
struct DemoTmuxTests {
    static let launchLine = "./demo.sh; echo EXITED:$?"

    @Test func aSessionShowsColouredVideoAndTheGridAddsASecondStream() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-demo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("demo.sh")
        try """
        #!/bin/sh
        exec \(TmuxPane.shellQuote(try StreamzBinary.require())) demo
        """.write(to: script, atomically: true, encoding: .utf8)
        guard chmod(script.path, 0o755) == 0 else { throw CLITestFailure(description: "chmod demo.sh failed") }
        let pane = try TmuxPane(columns: 120, rows: 40, folder: folder,
                                environment: ["COLORTERM": "truecolor", "TMPDIR": folder.path,
                                              "XDG_STATE_HOME": folder.appendingPathComponent("state").path])
        defer { pane.close() }
        try await pane.waitFor("the shell prompt") { $0.first?.hasPrefix("$") == true }
        try await pane.type(Self.launchLine)
        try await pane.press("Enter")

        // The simulated devices come online on their own; the first listed streams video.
        try await pane.waitFor(text: "3 online · 3 total", timeout: .seconds(60))
        // The list opens sorted by name with the cursor on the first device, a video one.
        try await pane.waitFor(text: "▸● Back garden")
        try await pane.press("Enter")
        let (video, _) = try await pane.waitFor("coloured video and a stats line", timeout: .seconds(60), escapes: true) { rows in
            Self.videoRows(rows) >= 10 && rows.contains { $0.contains("p2p") && $0.contains("fps") }
        }
        let stats = try #require(video.first { $0.contains("p2p") && $0.contains("fps") })
        #expect(Self.plain(stats).contains("host→host"), "stats line: \(Self.plain(stats))")

        // The grid keeps the first session and adds the next device's.
        try await pane.press("g")
        try await pane.press("j")
        try await pane.press("Enter")
        try await pane.waitFor("two streams in the grid", timeout: .seconds(60)) { rows in
            rows.contains { $0.contains("2 of 4 sessions") }
                && rows.contains { $0.components(separatedBy: "p2p").count - 1 == 2 }
        }

        try await pane.press("q")
        // The demo's goodbye, its exit status and the shell's next prompt.
        try await pane.waitFor("the shell back", timeout: .seconds(60)) { rows in
            let lines = rows.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.suffix(2) == ["EXITED:0", "$"]
        }
        #expect(try await pane.query("#{alternate_on}") == "0")
        let lines = try await pane.capture().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.first == "$ " + Self.launchLine)
        #expect(lines.dropFirst().first?.hasPrefix("Demo over") == true, "\(lines)")
        #expect(lines.count == 4, "only the command, the goodbye, the status and the prompt: \(lines)")
    }

    /// Rows drawing video: half blocks in a 24-bit colour (`capture-pane -e`).
    static func videoRows(_ rows: [String]) -> Int {
        rows.filter { ($0.contains("▀") || $0.contains("▄")) && $0.contains("38;2;") }.count
    }

    /// A captured row without its SGR sequences.
    static func plain(_ row: String) -> String {
        row.replacingOccurrences(of: "\u{1B}\\[[0-9;:]*m", with: "", options: .regularExpression)
    }
}
