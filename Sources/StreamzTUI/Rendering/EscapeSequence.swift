/// The few ECMA-48 / DEC control sequences the pane writer emits, as bytes.
enum EscapeSequence {
    static let escape: UInt8 = 0x1B

    /// DEC private mode 2026 (synchronized output): the terminal holds the
    /// screen until the matching end, so a frame never shows half drawn.
    static let beginSynchronizedUpdate: [UInt8] = Array("\u{1B}[?2026h".utf8)
    static let endSynchronizedUpdate: [UInt8] = Array("\u{1B}[?2026l".utf8)
    /// DECSC / DECRC: save and restore the cursor position and the SGR
    /// attributes, so ncurses finds the terminal as it left it.
    static let saveCursor: [UInt8] = [escape, UInt8(ascii: "7")]
    static let restoreCursor: [UInt8] = [escape, UInt8(ascii: "8")]
    /// SGR 0: every attribute back to the terminal's default.
    static let resetAttributes: [UInt8] = Array("\u{1B}[0m".utf8)

    /// CUP (ECMA-48 §8.3.21): move to a 1-based row and column.
    static func cursorPosition(row: Int, column: Int, into out: inout [UInt8]) {
        out.append(escape)
        out.append(UInt8(ascii: "["))
        appendDecimal(row, into: &out)
        out.append(UInt8(ascii: ";"))
        appendDecimal(column, into: &out)
        out.append(UInt8(ascii: "H"))
    }

    /// CUF (ECMA-48 §8.3.20) right, or CUB (§8.3.18) left when negative,
    /// `columns` columns on the same row.
    static func cursorAlongRow(_ columns: Int, into out: inout [UInt8]) {
        relativeMove(columns, forward: UInt8(ascii: "C"), backward: UInt8(ascii: "D"), into: &out)
    }

    /// CUD (ECMA-48 §8.3.19) down, or CUU (§8.3.22) up when negative, `rows`
    /// rows in the same column.
    static func cursorAlongColumn(_ rows: Int, into out: inout [UInt8]) {
        relativeMove(rows, forward: UInt8(ascii: "B"), backward: UInt8(ascii: "A"), into: &out)
    }

    /// A count of 1 is the default and left out.
    private static func relativeMove(_ count: Int, forward: UInt8, backward: UInt8, into out: inout [UInt8]) {
        out.append(escape)
        out.append(UInt8(ascii: "["))
        if abs(count) != 1 { appendDecimal(abs(count), into: &out) }
        out.append(count > 0 ? forward : backward)
    }

    static func appendDecimal(_ value: Int, into out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(-value, into: &out)
            return
        }
        if value >= 10 { appendDecimal(value / 10, into: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The number of digits `appendDecimal` writes for a non-negative value.
    static func decimalLength(_ value: Int) -> Int {
        value >= 100 ? (value >= 1000 ? 3 + decimalLength(value / 1000) : 3) : (value >= 10 ? 2 : 1)
    }
}
