/// The SGR parameters (ECMA-48 §8.3.117 plus the ITU T.416 / xterm colour
/// extensions) that select a cell's colours in each mode.
enum SGRColor {
    /// Appends the parameters for `color` as foreground (`background` false)
    /// or background, without separators around them. Monochrome has none.
    static func appendParameters(for color: RGB, background: Bool, mode: ColorMode, into out: inout [UInt8]) {
        switch mode {
        case .truecolor:
            // 38;2;r;g;b / 48;2;r;g;b
            EscapeSequence.appendDecimal(background ? 48 : 38, into: &out)
            out.append(contentsOf: Array(";2;".utf8))
            EscapeSequence.appendDecimal(Int(color.r), into: &out)
            out.append(UInt8(ascii: ";"))
            EscapeSequence.appendDecimal(Int(color.g), into: &out)
            out.append(UInt8(ascii: ";"))
            EscapeSequence.appendDecimal(Int(color.b), into: &out)
        case .palette256:
            // 38;5;n / 48;5;n
            EscapeSequence.appendDecimal(background ? 48 : 38, into: &out)
            out.append(contentsOf: Array(";5;".utf8))
            EscapeSequence.appendDecimal(Int(TerminalPalette.xterm256.code(for: color)), into: &out)
        case .ansi16:
            // 30-37 / 40-47 for the normal eight, 90-97 / 100-107 for the bright.
            let code = Int(TerminalPalette.ansi16.code(for: color))
            let base = code < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
            EscapeSequence.appendDecimal(base + code % 8, into: &out)
        case .monochrome:
            break
        }
    }

    /// How many bytes `appendParameters` writes for `color` (the same for
    /// foreground and background), without writing them.
    static func parameterLength(for color: RGB, background: Bool, mode: ColorMode) -> Int {
        switch mode {
        case .truecolor:
            // "38;2;" then r;g;b
            5 + EscapeSequence.decimalLength(Int(color.r)) + EscapeSequence.decimalLength(Int(color.g))
                + EscapeSequence.decimalLength(Int(color.b)) + 2
        case .palette256:
            5 + EscapeSequence.decimalLength(Int(TerminalPalette.xterm256.code(for: color)))
        case .ansi16:
            background && TerminalPalette.ansi16.code(for: color) >= 8 ? 3 : 2
        case .monochrome:
            0
        }
    }
}
