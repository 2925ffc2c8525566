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

    /// CUF (ECMA-48 §8.3.20): move right `count` columns on the same row.
    static func cursorForward(_ count: Int, into out: inout [UInt8]) {
        out.append(escape)
        out.append(UInt8(ascii: "["))
        if count != 1 { appendDecimal(count, into: &out) }
        out.append(UInt8(ascii: "C"))
    }

    /// CUB (ECMA-48 §8.3.18): move left `count` columns on the same row.
    static func cursorBackward(_ count: Int, into out: inout [UInt8]) {
        out.append(escape)
        out.append(UInt8(ascii: "["))
        if count != 1 { appendDecimal(count, into: &out) }
        out.append(UInt8(ascii: "D"))
    }

    /// CUD (ECMA-48 §8.3.19) down `rows` rows, or CUU (§8.3.22) up when
    /// negative, in the same column.
    static func cursorVertical(_ rows: Int, into out: inout [UInt8]) {
        out.append(escape)
        out.append(UInt8(ascii: "["))
        if abs(rows) != 1 { appendDecimal(abs(rows), into: &out) }
        out.append(UInt8(ascii: rows > 0 ? "B" : "A"))
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
