/// One terminal cell as the renderer composes it, before anything is written:
/// a character with its foreground and background colours.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var foreground: RGB
    public var background: RGB

    public init(character: Character, foreground: RGB, background: RGB) {
        self.character = character
        self.foreground = foreground
        self.background = background
    }

    public static let blank = Cell(character: " ", foreground: .white, background: .black)
}

/// A 24-bit colour.
public struct RGB: Equatable, Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}
