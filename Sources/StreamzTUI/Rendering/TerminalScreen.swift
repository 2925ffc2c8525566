/// A minimal terminal emulator for the cells of a video pane: applies the
/// bytes a renderer writes (ours or another's) to a grid of cells, so the
/// picture a terminal would show can be measured. It understands what video
/// renderers emit: UTF-8 text, CR/LF, CUP/HVP, CUU/CUD/CUF/CUB, ED, EL, SGR
/// colours (default, 16, 256 and direct), DECSC/DECRC and DEC private modes
/// (ignored). Anything else, or bytes that are not a well-formed sequence
/// or UTF-8, is rejected with `TerminalScreen.ParseError` (ECMA-48 §5.4
/// gives the control sequence grammar).
///
/// Like xterm with autowrap on, a character written in the last column
/// leaves the cursor there with a wrap pending: the next character goes to
/// the start of the next row, and any cursor move cancels the wrap (so CUB
/// counts from the last column, not from past it). The screen never
/// scrolls: a wrap or line feed on the last row stays on it.
public struct TerminalScreen: Sendable {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case truncatedSequence(offset: Int)
        case unsupportedSequence(offset: Int, final: UInt8)
        case malformedParameter(offset: Int)
        case invalidUTF8(offset: Int)
        case unsupportedControl(offset: Int, byte: UInt8)

        public var description: String {
            switch self {
            case .truncatedSequence(let o): "escape sequence cut short at byte \(o)"
            case .unsupportedSequence(let o, let f): "unsupported escape sequence ending in 0x\(String(f, radix: 16)) at byte \(o)"
            case .malformedParameter(let o): "malformed parameter at byte \(o)"
            case .invalidUTF8(let o): "invalid UTF-8 at byte \(o)"
            case .unsupportedControl(let o, let b): "unsupported control 0x\(String(b, radix: 16)) at byte \(o)"
            }
        }
    }

    /// What a cell shows when nothing has been drawn: the terminal's
    /// default colours taken as white on black.
    public static let defaultForeground = RGB.white
    public static let defaultBackground = RGB.black
    /// A parameter is at most this large (no real screen is bigger); larger
    /// ones are garbage.
    static let maxParameter = 65_535

    public private(set) var grid: CellGrid
    private var row = 0
    private var column = 0
    private var pendingWrap = false
    private var foreground = TerminalScreen.defaultForeground
    private var background = TerminalScreen.defaultBackground
    private var saved: (row: Int, column: Int, foreground: RGB, background: RGB)?

    public init(columns: Int, rows: Int) {
        grid = CellGrid(columns: columns, rows: rows,
                        fill: Cell(character: " ", foreground: Self.defaultForeground, background: Self.defaultBackground))
    }

    /// Applies `bytes` in order. On a parse error, what came before the bad
    /// bytes has been applied.
    public mutating func apply(_ bytes: [UInt8]) throws {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x1B:
                i = try escape(bytes, at: i)
            case 0x0D:
                column = 0
                pendingWrap = false
                i += 1
            case 0x0A:
                row = min(grid.rows - 1, row + 1)
                pendingWrap = false
                i += 1
            case 0x00..<0x20, 0x7F:
                throw ParseError.unsupportedControl(offset: i, byte: byte)
            default:
                let (scalar, length) = try Self.decodeUTF8(bytes, at: i)
                put(Character(scalar))
                i += length
            }
        }
    }

    private mutating func put(_ character: Character) {
        guard grid.columns > 0, grid.rows > 0 else { return }
        if pendingWrap {
            column = 0
            row = min(grid.rows - 1, row + 1)
        }
        grid[row, column] = Cell(character: character, foreground: foreground, background: background)
        pendingWrap = column == grid.columns - 1
        if !pendingWrap { column += 1 }
    }

    /// ESC 7, ESC 8 or a CSI sequence at `start`; returns the offset after it.
    private mutating func escape(_ bytes: [UInt8], at start: Int) throws -> Int {
        guard start + 1 < bytes.count else { throw ParseError.truncatedSequence(offset: start) }
        switch bytes[start + 1] {
        case UInt8(ascii: "7"):
            saved = (row, column, foreground, background)
            return start + 2
        case UInt8(ascii: "8"):
            if let saved { (row, column, foreground, background) = saved }
            pendingWrap = false
            return start + 2
        case UInt8(ascii: "["):
            return try controlSequence(bytes, at: start)
        default:
            throw ParseError.unsupportedSequence(offset: start, final: bytes[start + 1])
        }
    }

    private mutating func controlSequence(_ bytes: [UInt8], at start: Int) throws -> Int {
        var i = start + 2
        let isPrivate = i < bytes.count && bytes[i] == UInt8(ascii: "?")
        if isPrivate { i += 1 }
        var parameters: [Int?] = []
        var current: Int?
        while true {
            guard i < bytes.count else { throw ParseError.truncatedSequence(offset: start) }
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let next = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
                guard next <= Self.maxParameter else { throw ParseError.malformedParameter(offset: i) }
                current = next
            } else if byte == UInt8(ascii: ";") {
                parameters.append(current)
                current = nil
            } else if byte >= 0x40, byte <= 0x7E {
                parameters.append(current)
                try perform(final: byte, parameters: parameters, isPrivate: isPrivate, offset: start)
                return i + 1
            } else {
                throw ParseError.malformedParameter(offset: i)
            }
            i += 1
        }
    }

    private mutating func perform(final: UInt8, parameters: [Int?], isPrivate: Bool, offset: Int) throws {
        // A missing or zero count or coordinate means 1 (ECMA-48 §8.3.21 CUP et al.).
        func count(_ index: Int) -> Int { max(1, parameters.count > index ? parameters[index] ?? 1 : 1) }
        if isPrivate {
            // DEC private modes (cursor visibility, synchronized output) do not change cells.
            guard final == UInt8(ascii: "h") || final == UInt8(ascii: "l") else {
                throw ParseError.unsupportedSequence(offset: offset, final: final)
            }
            return
        }
        if [UInt8(ascii: "H"), UInt8(ascii: "f"), UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C"),
            UInt8(ascii: "D")].contains(final) {
            pendingWrap = false
        }
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            row = min(grid.rows - 1, count(0) - 1)
            column = min(grid.columns - 1, count(1) - 1)
        case UInt8(ascii: "A"): row = max(0, row - count(0))
        case UInt8(ascii: "B"): row = min(grid.rows - 1, row + count(0))
        case UInt8(ascii: "C"): column = min(grid.columns - 1, column + count(0))
        case UInt8(ascii: "D"): column = max(0, column - count(0))
        case UInt8(ascii: "J"): eraseDisplay(parameters.first.flatMap { $0 } ?? 0)
        case UInt8(ascii: "K"): eraseLine(parameters.first.flatMap { $0 } ?? 0)
        case UInt8(ascii: "m"): try selectGraphicRendition(parameters, offset: offset)
        default: throw ParseError.unsupportedSequence(offset: offset, final: final)
        }
    }

    private mutating func eraseDisplay(_ mode: Int) {
        let blank = Cell(character: " ", foreground: foreground, background: background)
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                let before = r < row || (r == row && c < column)
                let after = r > row || (r == row && c >= column)
                if mode >= 2 || (mode == 0 && after) || (mode == 1 && (before || (r == row && c == column))) {
                    grid[r, c] = blank
                }
            }
        }
    }

    private mutating func eraseLine(_ mode: Int) {
        let blank = Cell(character: " ", foreground: foreground, background: background)
        for c in 0..<grid.columns where mode >= 2 || (mode == 0 && c >= column) || (mode == 1 && c <= column) {
            grid[row, c] = blank
        }
    }

    /// SGR (ECMA-48 §8.3.117) with the xterm colour extensions 38/48;5;n and 38/48;2;r;g;b.
    private mutating func selectGraphicRendition(_ parameters: [Int?], offset: Int) throws {
        var i = 0
        while i < parameters.count {
            let p = parameters[i] ?? 0
            switch p {
            case 0:
                foreground = Self.defaultForeground
                background = Self.defaultBackground
            case 30...37, 90...97:
                foreground = Self.ansi(p >= 90 ? p - 90 + 8 : p - 30)
            case 40...47, 100...107:
                background = Self.ansi(p >= 100 ? p - 100 + 8 : p - 40)
            case 39: foreground = Self.defaultForeground
            case 49: background = Self.defaultBackground
            case 38, 48:
                let (color, used) = try Self.extendedColor(parameters, at: i + 1, offset: offset)
                if p == 38 { foreground = color } else { background = color }
                i += used
            case 1...29:
                break  // bold, dim, reverse…: do not change the colours a video cell shows
            default:
                throw ParseError.malformedParameter(offset: offset)
            }
            i += 1
        }
    }

    private static func extendedColor(_ parameters: [Int?], at index: Int, offset: Int) throws -> (RGB, Int) {
        guard index < parameters.count, let kind = parameters[index] else { throw ParseError.malformedParameter(offset: offset) }
        switch kind {
        case 5:
            guard index + 1 < parameters.count, let n = parameters[index + 1], n <= 255 else {
                throw ParseError.malformedParameter(offset: offset)
            }
            return (n < 16 ? ansi(n) : TerminalPalette.xterm256.entries[n - 16].rgb, 2)
        case 2:
            guard index + 3 < parameters.count else { throw ParseError.malformedParameter(offset: offset) }
            let channels = try (1...3).map { k -> UInt8 in
                guard let v = parameters[index + k], v <= 255 else { throw ParseError.malformedParameter(offset: offset) }
                return UInt8(v)
            }
            return (RGB(channels[0], channels[1], channels[2]), 4)
        default:
            throw ParseError.malformedParameter(offset: offset)
        }
    }

    /// The 16 ANSI colours as xterm's defaults (what `TerminalPalette.ansi16` targets).
    static func ansi(_ index: Int) -> RGB {
        let entries = TerminalPalette.ansi16.entries
        return entries[min(max(index, 0), entries.count - 1)].rgb
    }

    /// One UTF-8 scalar at `i` (RFC 3629 §3-4: no overlongs, no surrogates).
    static func decodeUTF8(_ bytes: [UInt8], at i: Int) throws -> (Unicode.Scalar, Int) {
        let lead = bytes[i]
        let (length, initial): (Int, UInt32)
        switch lead {
        case 0x20..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (length, initial) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, initial) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, initial) = (4, UInt32(lead & 0x07))
        default: throw ParseError.invalidUTF8(offset: i)
        }
        guard i + length <= bytes.count else { throw ParseError.invalidUTF8(offset: i) }
        var value = initial
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { throw ParseError.invalidUTF8(offset: i) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { throw ParseError.invalidUTF8(offset: i) }
        return (scalar, length)
    }
}
