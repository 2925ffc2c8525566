/// How many colours the terminal can show, richest first.
public enum ColorMode: Int, CaseIterable, Comparable, Sendable {
    /// No colour: a luminance ramp of characters (or block glyphs) in the
    /// terminal's default colours.
    case monochrome = 0
    /// The 16 ANSI colours (SGR 30-37, 90-97 and their backgrounds).
    case ansi16 = 1
    /// xterm's 256 colours: the 6x6x6 cube and the 24 greys (SGR 38;5;n).
    case palette256 = 2
    /// 24-bit colour (SGR 38;2;r;g;b).
    case truecolor = 3

    public static func < (lhs: ColorMode, rhs: ColorMode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The next poorer mode, or `nil` below monochrome.
    public var poorer: ColorMode? { ColorMode(rawValue: rawValue - 1) }
    /// The next richer mode, or `nil` above truecolor.
    public var richer: ColorMode? { ColorMode(rawValue: rawValue + 1) }

    /// The richest mode the environment promises. Takes the environment as a
    /// parameter (pass `ProcessInfo.processInfo.environment`) so it is testable.
    ///
    /// - `NO_COLOR` present and not empty (no-color.org) wins: monochrome.
    /// - `COLORTERM` of `truecolor` or `24bit`, or a `TERM` ending in
    ///   `-direct` (terminfo's name for direct-colour entries): truecolor.
    /// - `TERM` containing `256color`: 256 colours.
    /// - `TERM` unset, empty or `dumb`: monochrome.
    /// - any other `TERM`: the 16 ANSI colours.
    public static func detect(environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        let term = (environment["TERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" || term.hasSuffix("-direct") { return .truecolor }
        if term.contains("256color") { return .palette256 }
        if term.isEmpty || term == "dumb" { return .monochrome }
        return .ansi16
    }
}
