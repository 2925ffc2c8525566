/// How each `TextStyle` looks in a colour mode: a foreground and background
/// colour number (-1 is the terminal's default, via use_default_colors) and
/// attributes. Pure, so the degradation truecolor → 256 → 16 → none is
/// testable; `Terminal` turns it into ncurses colour pairs, one per style.
public struct StyleSpec: Equatable, Sendable {
    public enum Attribute: Equatable, Hashable, Sendable {
        case bold, dim, reverse, underline
    }

    public var foreground: Int16
    public var background: Int16
    public var attributes: Set<Attribute>

    public init(foreground: Int16 = -1, background: Int16 = -1, attributes: Set<Attribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// True when the style needs a colour pair (anything but the default colours).
    public var usesColor: Bool { foreground != -1 || background != -1 }
}

public enum StylePalette {
    /// The curses colour numbers of the 8 ANSI colours (COLOR_BLACK ... COLOR_WHITE).
    enum ANSI {
        static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3
        static let blue: Int16 = 4, cyan: Int16 = 5, white: Int16 = 7
    }

    /// The look of `style` in `mode`. The monitor's chrome needs only a few
    /// colours, so truecolor uses the 256-colour entries (ncurses pairs take
    /// palette numbers; the video pane is where 24-bit colour matters, and it
    /// bypasses ncurses). `terminalColors` is curses' COLORS: a terminal that
    /// claims fewer colours than the environment promised gets the poorer set.
    public static func spec(for style: TextStyle, mode: ColorMode, terminalColors: Int) -> StyleSpec {
        var effective = mode
        if effective >= .palette256, terminalColors < 256 { effective = .ansi16 }
        if effective >= .ansi16, terminalColors < 8 { effective = .monochrome }
        switch effective {
        case .monochrome: return monochrome(style)
        case .ansi16: return ansi16(style)
        case .palette256, .truecolor: return palette256(style)
        }
    }

    /// NO_COLOR and colourless terminals: attributes only.
    static func monochrome(_ style: TextStyle) -> StyleSpec {
        switch style {
        case .normal: StyleSpec()
        case .dim, .offline: StyleSpec(attributes: [.dim])
        case .bold, .accent, .online: StyleSpec(attributes: [.bold])
        case .warning: StyleSpec(attributes: [.bold, .underline])
        case .error: StyleSpec(attributes: [.bold, .reverse])
        case .selection: StyleSpec(attributes: [.reverse])
        }
    }

    static func ansi16(_ style: TextStyle) -> StyleSpec {
        switch style {
        case .normal: StyleSpec()
        case .dim: StyleSpec(attributes: [.dim])
        case .bold: StyleSpec(attributes: [.bold])
        case .accent: StyleSpec(foreground: ANSI.cyan, attributes: [.bold])
        case .online: StyleSpec(foreground: ANSI.green)
        case .offline: StyleSpec(attributes: [.dim])
        case .warning: StyleSpec(foreground: ANSI.yellow)
        case .error: StyleSpec(foreground: ANSI.red, attributes: [.bold])
        case .selection: StyleSpec(foreground: ANSI.black, background: ANSI.cyan)
        }
    }

    /// xterm 256-colour numbers: 39 sky blue, 42 green, 214 orange, 203 salmon
    /// red, 244/245 greys, 231 white on 24 deep blue for the selection.
    static func palette256(_ style: TextStyle) -> StyleSpec {
        switch style {
        case .normal: StyleSpec()
        case .dim: StyleSpec(foreground: 244)
        case .bold: StyleSpec(attributes: [.bold])
        case .accent: StyleSpec(foreground: 39, attributes: [.bold])
        case .online: StyleSpec(foreground: 42)
        case .offline: StyleSpec(foreground: 245)
        case .warning: StyleSpec(foreground: 214)
        case .error: StyleSpec(foreground: 203, attributes: [.bold])
        case .selection: StyleSpec(foreground: 231, background: 24)
        }
    }
}
