import CNcursesw
import CStreamzShims
import Foundation

/// The monitor's terminal: the only code that calls ncurses. It starts
/// ncursesw on a pair of file descriptors (the controlling tty, or a
/// pseudo-terminal in tests), draws `ScreenGrid`s, reads keys, mouse clicks
/// and resizes, and restores the terminal in `close()` — called by the loop
/// on quit, on SIGINT/SIGTERM/SIGHUP and on errors, and by `deinit` as a last resort.
public final class Terminal {
    public let colorMode: ColorMode
    let inputFD: Int32
    let signals: SignalTrap
    private var screen: OpaquePointer?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var attributes: [TextStyle: (attr: attr_t, pair: Int16)] = [:]
    private var restored = false

    /// Opens the controlling terminal (`/dev/tty`), so the monitor draws on
    /// the terminal even when stdout is redirected to a file.
    public static func openControllingTerminal(environment: [String: String]) throws -> Terminal {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw TerminalError.system("open /dev/tty", errno) }
        defer { Glibc.close(fd) }
        return try Terminal(inputFD: fd, outputFD: fd, termType: environment["TERM"],
                            colorMode: ColorMode.detect(environment: environment))
    }

    /// `termType` nil means ncurses reads TERM itself. The descriptors are
    /// duplicated; the caller keeps its own.
    public init(inputFD: Int32, outputFD: Int32, termType: String?, colorMode: ColorMode) throws {
        Self.selectUTF8Locale()
        signals = try SignalTrap()
        let input = dup(inputFD)
        let output = dup(outputFD)
        guard input >= 0, output >= 0 else {
            let code = errno
            if input >= 0 { Glibc.close(input) }
            if output >= 0 { Glibc.close(output) }
            throw TerminalError.system("dup", code)
        }
        self.inputFD = input
        let inFile = fdopen(input, "r")
        let outFile = fdopen(output, "w")
        inputFile = inFile
        outputFile = outFile
        guard inFile != nil, outFile != nil else {
            let code = errno
            if inFile == nil { Glibc.close(input) }
            if outFile == nil { Glibc.close(output) }
            Self.closeFiles(&inputFile, &outputFile)
            throw TerminalError.system("fdopen", code)
        }
        // Before newterm: ncurses installs its own SIGINT/SIGTERM handlers
        // only where the application has none.
        signals.install()
        let started = termType.map { newterm($0, outFile, inFile) } ?? newterm(nil, outFile, inFile)
        guard let started else {
            signals.uninstall()
            Self.closeFiles(&inputFile, &outputFile)
            throw TerminalError.cannotStart("newterm refused TERM=\(termType ?? "(unset)")")
        }
        screen = started
        _ = set_term(started)
        self.colorMode = Self.setUpColors(requested: colorMode)
        configureInput()
        attributes = Self.styleTable(mode: colorMode)
    }

    deinit { close() }

    /// wget_wch returns wide characters only under a UTF-8 locale; the
    /// environment's locale is used when it is UTF-8, else C.UTF-8.
    static func selectUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    var window: UnsafeMutablePointer<WINDOW>? {
        streamz_stdscr().map { $0.assumingMemoryBound(to: WINDOW.self) }
    }

    private func configureInput() {
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        wtimeout(window, 0)
        _ = curs_set(0)
        _ = set_escdelay(25)
        _ = mouseinterval(0)
        let mask = mmask_t(truncatingIfNeeded: streamz_mouse_button1_pressed() | streamz_mouse_button1_clicked())
        _ = mousemask(mask, nil)
    }

    /// Starts colours when the mode and the terminal allow; returns the
    /// mode actually in use.
    private static func setUpColors(requested: ColorMode) -> ColorMode {
        guard requested > .monochrome, has_colors() else { return .monochrome }
        _ = start_color()
        _ = use_default_colors()
        return requested
    }

    private static func styleTable(mode: ColorMode) -> [TextStyle: (attr: attr_t, pair: Int16)] {
        var table: [TextStyle: (attr: attr_t, pair: Int16)] = [:]
        let colors = mode == .monochrome ? 0 : Int(streamz_colors())
        for style in TextStyle.allCases {
            let spec = StylePalette.spec(for: style, mode: mode, terminalColors: colors)
            var attr = attr_t(streamz_attr_normal())
            for attribute in spec.attributes {
                switch attribute {
                case .bold: attr |= attr_t(streamz_attr_bold())
                case .dim: attr |= attr_t(streamz_attr_dim())
                case .reverse: attr |= attr_t(streamz_attr_reverse())
                case .underline: attr |= attr_t(streamz_attr_underline())
                }
            }
            var pair: Int16 = 0
            if spec.usesColor, colors > 0 {
                // One fixed pair per style: pair n+1 for style n.
                pair = Int16(style.rawValue + 1)
                _ = init_pair(pair, spec.foreground, spec.background)
            }
            table[style] = (attr, pair)
        }
        return table
    }

    /// The terminal's size as ncurses knows it (updated on KEY_RESIZE).
    public var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        streamz_screen_size(&rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// Draws the whole grid into stdscr and lets ncurses send only what
    /// changed since the last refresh (wnoutrefresh + doupdate).
    public func draw(_ grid: ScreenGrid) {
        guard !restored, let window else { return }
        var cell = cchar_t()
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let screenCell = grid[row, column]
                if screenCell.continuation {
                    // ncurses fills the second column of a wide character
                    // itself; where libc thinks the character is narrow, the
                    // column is cleared so nothing stale stays there.
                    let previous = grid[row, column - 1].character.unicodeScalars.first.map { streamz_wcwidth($0.value) } ?? 1
                    if previous >= 2 { continue }
                }
                let look = attributes[screenCell.style] ?? (attr_t(streamz_attr_normal()), 0)
                var wide: [wchar_t] = screenCell.continuation
                    ? [wchar_t(32)] : screenCell.character.unicodeScalars.prefix(4).map { wchar_t($0.value) }
                wide.append(0)
                _ = setcchar(&cell, wide, look.attr, look.pair, nil)
                _ = mvwadd_wch(window, Int32(row), Int32(column), &cell)
            }
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Bytes written straight to the terminal after a draw, e.g. the video
    /// pane from `PaneWriter` (DECISIONS.md "Terminal renderer").
    public func writeRaw(_ bytes: [UInt8]) {
        guard !restored, let outputFile, !bytes.isEmpty else { return }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, outputFile) }
        _ = fflush(outputFile)
    }

    /// Makes ncurses repaint everything on the next draw (after a resize
    /// or when something else wrote over the screen).
    public func invalidate() {
        guard !restored, let window else { return }
        _ = clearok(window, true)
    }

    /// Tells ncurses that `rows` of the screen hold something it did not
    /// draw (the video pane that just went away), so the next draw rewrites them.
    public func repaint(rows: Range<Int>) {
        guard !restored, let window, !rows.isEmpty else { return }
        _ = wredrawln(window, Int32(rows.lowerBound), Int32(rows.count))
    }

    /// Restores the terminal: cursor, modes, the normal screen. Safe to call
    /// more than once; every later draw or read does nothing.
    public func close() {
        guard !restored else { return }
        restored = true
        if let screen {
            // ncurses calls act on the current screen: make it ours first.
            _ = set_term(screen)
            _ = curs_set(1)
            _ = endwin()
            delscreen(screen)
        }
        screen = nil
        Self.closeFiles(&inputFile, &outputFile)
        signals.uninstall()
    }

    public var isClosed: Bool { restored }

    private static func closeFiles(_ input: inout UnsafeMutablePointer<FILE>?, _ output: inout UnsafeMutablePointer<FILE>?) {
        if let file = output { fclose(file) }
        if let file = input { fclose(file) }
        input = nil
        output = nil
    }
}
