import CStreamzShims
import Foundation
import StreamzProtocol
import StreamzRTC
import Testing
@testable import StreamzTUI

/// The terminal layer on a pseudo-terminal: ncursesw really starts, draws,
/// reads keys and restores. ncurses is one global state per process, so
/// these run one at a time and no other suite starts a Terminal.
@Suite("Monitor terminal on a pty", .serialized)
struct MonitorTerminalTests {
    typealias F = MonitorFixture

    /// A pty of 24x80 with a non-blocking master; closed by `close()`.
    struct PTY {
        var master: Int32 = -1
        var slave: Int32 = -1

        init(rows: UInt16 = 24, columns: UInt16 = 80) throws {
            try #require(streamz_open_pty(&master, &slave, rows, columns) == 0)
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        }

        /// Everything the terminal side wrote so far.
        func drain() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Keys typed by "the user".
        func type(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
        }

        func close() {
            Glibc.close(master)
            Glibc.close(slave)
        }

        func localFlags() -> tcflag_t {
            var settings = termios()
            _ = tcgetattr(slave, &settings)
            return settings.c_lflag
        }
    }

    @Test func drawsAFrameAndRestoresTheTerminal() throws {
        let pty = try PTY()
        defer { pty.close() }
        let before = pty.localFlags()
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .palette256)
        #expect(terminal.size == (24, 80))
        #expect(terminal.colorMode == .palette256)
        #expect(pty.localFlags() & tcflag_t(ECHO) == 0)
        #expect(pty.localFlags() & tcflag_t(ICANON) == 0)
        terminal.draw(MonitorView.render(F.signedIn()))
        let frame = pty.drain()
        #expect(frame.contains("\u{1B}[?1049h"))  // the alternate screen (smcup)
        #expect(frame.contains("Kitchen phone"))
        #expect(frame.contains("寝室カメラ"))
        #expect(frame.contains("📷"))
        #expect(frame.contains("\u{1B}[38;5;42m"))  // the online green of the 256-colour palette
        // A second identical draw sends (almost) nothing: ncurses diffs.
        terminal.draw(MonitorView.render(F.signedIn()))
        #expect(!pty.drain().contains("Kitchen"))
        terminal.close()
        #expect(pty.drain().contains("\u{1B}[?1049l"))  // back to the normal screen (rmcup)
        #expect(pty.localFlags() == before)
        terminal.close()  // twice is harmless
        terminal.draw(MonitorView.render(F.signedIn()))
        #expect(pty.drain().isEmpty)
    }

    @Test func noColorDrawsWithoutColourCodes() throws {
        let pty = try PTY()
        defer { pty.close() }
        let mode = ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: mode)
        defer { terminal.close() }
        #expect(terminal.colorMode == .monochrome)
        terminal.draw(MonitorView.render(F.signedIn()))
        let frame = pty.drain()
        #expect(frame.contains("Kitchen phone"))
        #expect(!frame.contains("[38;5;") && !frame.contains("[32m") && !frame.contains("[39;49m"))
    }

    @Test func readsKeysAndFunctionKeys() throws {
        let pty = try PTY()
        defer { pty.close() }
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .ansi16)
        defer { terminal.close() }
        terminal.draw(MonitorView.render(F.signedIn()))
        _ = pty.drain()
        #expect(terminal.readEvents().isEmpty)
        // The cursor keys in xterm's application mode (keypad on sends smkx).
        pty.type("jé\r\t\u{7F}\u{1B}OA\u{1B}OB寝")
        var events: [MonitorEvent] = []
        for _ in 0..<20 where events.count < 8 {
            var fds = [pollfd(fd: pty.slave, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 100)
            events += terminal.readEvents()
        }
        #expect(events == [
            .key(.character("j")), .key(.character("é")), .key(.enter), .key(.tab), .key(.backspace),
            .key(.up), .key(.down), .key(.character("寝")),
        ])
    }

    @Test func loopDrivesLoginSessionAndQuitAgainstAFakeServer() async throws {
        let pty = try PTY()
        defer { pty.close() }
        let before = pty.localFlags()
        let server = FakeMonitorServer(devices: [F.kitchen, F.garage, F.attic])
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .palette256)
        let sink = try MonitorEventSink()
        let loop = MonitorLoop(terminal: terminal, state: MonitorState(server: "http://127.0.0.1:8080", now: F.t0, timeZone: F.utc),
                               handler: server, sink: sink, configuration: .init(maxRedrawsPerSecond: .infinity),
                               wallClock: { F.t0 })
        #expect(loop.state.rows == 24 && loop.state.columns == 80)

        pty.type("ada@example.com\twrong-pw\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.form.password == "wrong-pw")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.form.error == "Email or password is incorrect.")
        #expect(pty.drain().contains("Email or password is incorrect."))

        for _ in 0..<8 { pty.type("\u{7F}") }
        pty.type("secret-1\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.screen == .devices)
        #expect(loop.state.visibleDevices.map(\.name) == ["Attic", "Kitchen phone", "garage cam"])
        #expect(pty.drain().contains("Kitchen phone"))

        pty.type("j\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.session?.transitions.map(\.state) == [.requested, .connecting, .connected])
        #expect(pty.drain().contains("connected"))

        // A push from the server with no keypress: the garage comes online.
        server.push(.deviceStatus(deviceId: F.garage.id, online: true, lastSeenAt: F.t0), to: sink)
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.visibleDevices.map(\.name) == ["Attic", "garage cam", "Kitchen phone"])
        #expect(loop.state.selectedDevice?.name == "Kitchen phone")

        pty.type("q")
        #expect(await loop.step(waitMilliseconds: 500) == false)
        #expect(server.commands == [
            .login(server: "http://127.0.0.1:8080", email: "ada@example.com", password: "wrong-pw"),
            .login(server: "http://127.0.0.1:8080", email: "ada@example.com", password: "secret-1"),
            .startSession(deviceId: F.kitchen.id, type: .both, quality: .auto),
            .endSession(sessionId: F.uuid(501)),
            .quit,
        ])
        await loop.run()  // already finished: returns at once and restores
        #expect(terminal.isClosed)
        #expect(pty.drain().contains("\u{1B}[?1049l"))
        #expect(pty.localFlags() == before)
    }

    @Test func videoFramesGoIntoThePanelAndLeaveWithTheSession() async throws {
        let pty = try PTY()
        defer { pty.close() }
        let server = FakeMonitorServer(devices: [F.kitchen])
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .palette256)
        defer { terminal.close() }
        let sink = try MonitorEventSink()
        let loop = MonitorLoop(terminal: terminal, state: F.signedIn([F.kitchen]), handler: server, sink: sink,
                               configuration: .init(maxRedrawsPerSecond: .infinity), wallClock: { F.t0 })
        pty.type("\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.session?.state == .connected)
        let layout = MonitorLayout(state: loop.state)
        #expect(layout.videoRows >= 4 && layout.listRows >= 3)
        #expect(loop.video?.origin == PaneOrigin(row: layout.videoTop, column: 0))
        #expect(loop.video?.rows == layout.videoRows)
        _ = pty.drain()

        // A red frame: the pane's bytes follow ncurses' refresh, wrapped in
        // DECSC/DECRC, in the 256-colour palette (red is entry 196).
        sink.sendFrame(RenderFixture.frame(width: 64, height: 48, color: RenderFixture.red), sessionId: F.uuid(501))
        #expect(await loop.step(waitMilliseconds: 500))
        let frame = pty.drain()
        #expect(frame.contains("\u{1B}7") && frame.contains("\u{1B}8"))
        #expect(frame.contains("5;196m"))
        // Frames of another session are not shown.
        sink.sendFrame(RenderFixture.frame(width: 64, height: 48, color: RenderFixture.red), sessionId: F.uuid(999))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(!pty.drain().contains("\u{1B}7"))

        pty.type("s")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.session?.state == .ended)
        #expect(loop.video == nil)
        #expect(MonitorLayout(state: loop.state).videoRows == 0)
    }

    @Test func sigtermEndsTheLoopAndRestores() async throws {
        let pty = try PTY()
        defer { pty.close() }
        let before = pty.localFlags()
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .ansi16)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try MonitorLog(url: directory.appendingPathComponent("monitor.log"))
        let loop = MonitorLoop(terminal: terminal, state: F.signedIn(), handler: FakeMonitorServer(devices: []),
                               sink: try MonitorEventSink(), log: log, wallClock: { F.t0 })
        kill(getpid(), SIGTERM)
        let final = await loop.run()
        #expect(final.quitRequested)
        let logged = try String(contentsOf: log.url, encoding: .utf8)
        #expect(logged.contains("signal \(SIGTERM): quitting") && logged.contains(" quit\n"))
        #expect(terminal.isClosed)
        #expect(pty.localFlags() == before)
        #expect(pty.drain().contains("\u{1B}[?1049l"))
    }

    @Test func resizeAndClickThroughTheTerminal() async throws {
        let pty = try PTY()
        defer { pty.close() }
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .ansi16)
        defer { terminal.close() }
        let loop = MonitorLoop(terminal: terminal, state: F.signedIn(), handler: FakeMonitorServer(devices: []),
                               sink: try MonitorEventSink(), configuration: .init(maxRedrawsPerSecond: .infinity),
                               wallClock: { F.t0 })
        #expect(await loop.step(waitMilliseconds: 0))
        _ = pty.drain()
        // xterm-256color's terminfo asks for SGR mouse reports (mode 1006):
        // ESC [ < button ; column ; row M on press, 1-based.
        let row = MonitorLayout(state: loop.state).listTop + 2
        pty.type("\u{1B}[<0;6;\(row + 1)M\u{1B}[<0;6;\(row + 1)m")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.selectedDevice?.name == "garage cam")

        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(pty.master, UInt(TIOCSWINSZ), &size)
        kill(getpid(), SIGWINCH)
        for _ in 0..<10 where loop.state.columns != 100 { _ = await loop.step(waitMilliseconds: 100) }
        #expect(loop.state.rows == 30 && loop.state.columns == 100)
        #expect(terminal.size == (30, 100))
    }
}

extension MonitorTerminalTests {
    @Test func refusesAnUnknownTerminalTypeAndLeavesNoSignalHandlers() throws {
        let pty = try PTY()
        defer { pty.close() }
        #expect(throws: TerminalError.self) {
            try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "no-such-terminal-xyz", colorMode: .ansi16)
        }
        // Our handlers are gone again. (The process-wide disposition itself is
        // not checked: other suites running in parallel, such as the server's
        // graceful-shutdown tests, install SIGTERM handlers of their own.)
        #expect(!SignalTrap.isInstalled)
        #expect(throws: TerminalError.self) {
            try Terminal(inputFD: -1, outputFD: -1, termType: "xterm", colorMode: .ansi16)
        }
    }
}

extension MonitorTerminalTests {
    @Test func aHungUpTerminalEndsTheLoopInsteadOfSpinning() async throws {
        var pty = try PTY()
        defer { pty.close() }
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .ansi16)
        let loop = MonitorLoop(terminal: terminal, state: F.signedIn(), handler: FakeMonitorServer(devices: []),
                               sink: try MonitorEventSink(), wallClock: { F.t0 })
        #expect(await loop.step(waitMilliseconds: 0))
        // The other end goes away, as when the terminal window is closed.
        Glibc.close(pty.master)
        pty.master = -1
        #expect(await loop.step(waitMilliseconds: 1000) == false)
        #expect(loop.state.quitRequested)
        await loop.run()
        #expect(terminal.isClosed)
    }
}
