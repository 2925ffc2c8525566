/// The colours a limited terminal mode offers, with the number the terminal
/// knows each by.
public struct TerminalPalette: Sendable {
    public struct Entry: Equatable, Sendable {
        public let code: UInt8
        public let rgb: RGB
    }

    public let entries: [Entry]
    let labs: [OKLab]
    private let codeByColor: [RGB: UInt8]

    init(entries: [Entry]) {
        self.entries = entries
        labs = entries.map { OKLab($0.rgb) }
        var codes: [RGB: UInt8] = [:]
        for entry in entries where codes[entry.rgb] == nil { codes[entry.rgb] = entry.code }
        codeByColor = codes
    }

    /// The position in `entries` of the colour nearest to `color` in OKLab.
    func nearestPosition(to color: RGB) -> Int {
        let target = OKLab(color)
        var best = 0
        var bestDistance = Float.infinity
        for (i, lab) in labs.enumerated() {
            let d = lab.distanceSquared(to: target)
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return best
    }

    /// The terminal's number for `color`: exact for palette colours, the
    /// nearest entry's otherwise.
    public func code(for color: RGB) -> UInt8 {
        if let code = codeByColor[color] { return code }
        return entries[nearestPosition(to: color)].code
    }

    /// xterm's 256-colour palette without the first 16 (whose look each
    /// terminal's theme changes): the 6x6x6 cube (16 + 36r + 6g + b, levels
    /// 0, 95, 135, 175, 215, 255) and the greys 232-255 (8 + 10i).
    public static let xterm256: TerminalPalette = {
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        var entries: [Entry] = []
        for r in 0..<6 {
            for g in 0..<6 {
                for b in 0..<6 {
                    entries.append(Entry(code: UInt8(16 + 36 * r + 6 * g + b), rgb: RGB(levels[r], levels[g], levels[b])))
                }
            }
        }
        for i in 0..<24 {
            let v = UInt8(8 + 10 * i)
            entries.append(Entry(code: UInt8(232 + i), rgb: RGB(v, v, v)))
        }
        return TerminalPalette(entries: entries)
    }()

    /// The 16 ANSI colours as xterm draws them by default (codes 0-7 normal,
    /// 8-15 bright). Other themes differ; these are only nominal targets.
    public static let ansi16 = TerminalPalette(entries: [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ].enumerated().map { Entry(code: UInt8($0.offset), rgb: $0.element) })

    /// The palette of a limited mode; `nil` for truecolor and monochrome.
    public static func forMode(_ mode: ColorMode) -> TerminalPalette? {
        switch mode {
        case .palette256: xterm256
        case .ansi16: ansi16
        case .truecolor, .monochrome: nil
        }
    }
}
