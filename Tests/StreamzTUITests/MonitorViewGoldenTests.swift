import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

/// Whole screens drawn into the in-memory grid, compared line by line (wide
/// characters' second columns are left out of `lines`, so a row holding
/// 寝室カメラ reads shorter here but fills the same 60 cells on screen).
@Suite("Monitor views: golden screens")
struct MonitorViewGoldenTests {
    typealias F = MonitorFixture

    @Test func deviceListWithPresenceAndIcons() {
        let grid = MonitorView.render(F.signedIn(rows: 12, columns: 60))
        #expect(grid.lines == [
            " Devices  2 online · 4 total                                ",
            "   NAME                  KIND    MEDIA  PRESENCE            ",
            "▸● Attic                 agent    · 🎤  online              ",
            " ● Kitchen phone         browser 📷 🎤  online              ",
            " ○ garage cam            agent   📷  ·  last seen 12 s ago  ",
            " ○ 寝室カメラ            browser 📷 🎤  last seen 1 h ago   ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            " Enter start · v/a/b video/audio/both · 1-4 quality · s stop",
            " http://127.0.0.1:8080 · ada@example.com   online  11:06:40 ",
        ])
        #expect(grid[2, 0].style == .selection && grid[2, 30].style == .selection)
        #expect(grid[3, 1].style == .online && grid[4, 1].style == .offline)
        #expect(grid[4, 40].style == .offline && grid[3, 40].style == .online)
    }

    @Test func lastSeenTicksWithNow() {
        var state = F.signedIn(rows: 12, columns: 60)
        _ = state.reduce(.tick(F.t0.addingTimeInterval(5)))
        #expect(MonitorView.render(state).lines[4] == " ○ garage cam            agent   📷  ·  last seen 17 s ago  ")
        _ = state.reduce(.tick(F.t0.addingTimeInterval(50)))
        let grid = MonitorView.render(state)
        #expect(grid.lines[4] == " ○ garage cam            agent   📷  ·  last seen 1 min ago ")
        #expect(grid.lines[11].hasSuffix("online  11:07:30 "))
    }

    @Test func wideNamesAndIconsKeepColumnsAligned() {
        let grid = MonitorView.render(F.signedIn(rows: 12, columns: 60))
        // The kind column starts at the same cell on every row, whatever the
        // widths of the characters before it.
        func column(of text: String, row: Int) -> Int? {
            (0..<grid.columns).first { start in
                text.enumerated().allSatisfy { grid[row, start + $0.offset].character == $0.element }
            }
        }
        #expect(column(of: "browser", row: 3) == 25)
        #expect(column(of: "browser", row: 5) == 25)
        #expect(column(of: "agent", row: 4) == 25)
        #expect(grid[5, 3].character == "寝" && grid[5, 4].continuation)
        #expect(grid[3, 33].character == "📷" && grid[3, 34].continuation)
    }

    @Test func loginShowsTheServersErrorInline() {
        var state = MonitorState(server: "http://127.0.0.1:8080", rows: 14, columns: 50, now: F.t0, timeZone: F.utc)
        for character in "ada@example.com" { _ = state.reduce(.key(.character(character))) }
        _ = state.reduce(.key(.tab))
        for character in "hunter22" { _ = state.reduce(.key(.character(character))) }
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.authFailed(ErrorBody.Detail(code: "invalid_credentials",
                                                               message: "Email or password is incorrect."))))
        let grid = MonitorView.render(state)
        #expect(grid.lines == [
            "                                                  ",
            " streamz monitor  log in or register              ",
            "                                                  ",
            " Server    [http://127.0.0.1:8080               ] ",
            " Email     [ada@example.com                     ] ",
            " Password  [••••••••▏                           ] ",
            "                                                  ",
            " [ Log in ]   [ Register ]                        ",
            "                                                  ",
            " Email or password is incorrect.                  ",
            "                                                  ",
            " Tab ↑ ↓ move · Enter log in · Esc quit           ",
            "                                                  ",
            " http://127.0.0.1:8080       signed out  11:06:40 ",
        ])
        #expect(grid[9, 1].style == .error)
        #expect(grid[5, 12].style == .selection)
        #expect(!grid.lines.joined().contains("hunter22"))
    }

    @Test func helpOverlayListsEveryKeyEvenAt40x12() {
        var small = F.signedIn(rows: 12, columns: 40)
        _ = small.reduce(.key(.character("?")))
        #expect(MonitorView.render(small).lines == [
            "┌─ Keys ───────────────────────────────┐",
            "│ ↑ ↓  j k  move    s         stop     │",
            "│ PgUp PgDn page    f g p     views    │",
            "│ Home End  ends    r         rename   │",
            "│ Enter     start   d         remove   │",
            "│ v         video   /         filter   │",
            "│ a         audio   ?         help     │",
            "│ b         both    q         quit     │",
            "│ 1 2 3 4   quality click     select   │",
            "│ ? or Esc closes                      │",
            "└──────────────────────────────────────┘",
            " http://127.0.0.1:808… online  11:06:40 ",
        ])
        var large = F.signedIn()
        _ = large.reduce(.key(.character("?")))
        let text = MonitorView.render(large).lines.joined(separator: "\n")
        for binding in KeyBindings.deviceList {
            #expect(text.contains(binding.keys + " ") && text.contains(binding.action), "\(binding.keys)")
        }
    }

    @Test func tooSmallTerminalSaysSo() {
        #expect(MonitorView.render(F.signedIn(rows: 11, columns: 40)).lines == [
            "                                        ",
            "                                        ",
            "                                        ",
            "                                        ",
            "           Terminal too small           ",
            "         need 40x12, have 40x11         ",
            "                q quits                 ",
            "                                        ",
            "                                        ",
            "                                        ",
            "                                        ",
        ])
        #expect(MonitorView.render(F.signedIn(rows: 12, columns: 39)).lines[5].contains("have 39x12"))
        // Degenerate sizes draw what fits and never trap.
        for (rows, columns) in [(0, 0), (1, 1), (2, 80), (40, 3)] {
            #expect(MonitorView.render(F.signedIn(rows: rows, columns: columns)).rows == rows)
        }
    }

    @Test func everySizeFrom40x12UpDrawsEveryPart() {
        var state = F.signedIn()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.attic, state: .connecting))))
        for (rows, columns) in [(12, 40), (12, 41), (13, 59), (24, 80), (50, 200)] {
            _ = state.reduce(.resize(rows: rows, columns: columns))
            let lines = MonitorView.render(state).lines
            #expect(lines[0].contains("Devices"))
            #expect(lines.contains { $0.contains("Attic") })
            #expect(lines.contains { $0.contains("requested → connecting") })
            #expect(lines[rows - 1].contains("online"))
        }
    }
}
