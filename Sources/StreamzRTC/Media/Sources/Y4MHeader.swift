/// The stream header line of a YUV4MPEG2 file ("YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg\n"):
/// space-separated parameters, each a letter and a value; unknown letters are ignored
/// as the format asks, and only progressive 4:2:0 8-bit is accepted.
public struct Y4MHeader: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var frameRateNumerator: Int
    public var frameRateDenominator: Int
    /// The C parameter as written ("420jpeg", ...); "420" when absent, the format's default.
    public var chroma: String

    static let signature = "YUV4MPEG2"
    /// The 4:2:0 8-bit variants: they differ only in chroma siting, which I420 does not record.
    static let acceptedChroma: Set<String> = ["420", "420jpeg", "420mpeg2", "420paldv"]
    static let maximumLineLength = 1024

    /// Parses the header line (without its newline).
    init(line: [UInt8]) throws(MediaSourceError) {
        let tokens = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        guard tokens.first == Self.signature else { throw .badMagic(expected: "Y4M signature YUV4MPEG2", offset: 0) }
        var width: Int?, height: Int?, rate: (Int, Int)?
        chroma = "420"
        for token in tokens.dropFirst() {
            let value = String(token.dropFirst())
            switch token.first {
            case "W": width = Self.dimension(value, "width")
            case "H": height = Self.dimension(value, "height")
            case "F": rate = Self.ratio(value)
            case "C": chroma = value
            case "I":
                // p progressive, ? unknown (treated as progressive); t, b, m are interlaced.
                guard value == "p" || value == "?" else { throw .unsupported("Y4M interlacing I\(value): only progressive") }
            default: continue
            }
        }
        guard let width else { throw .invalidField("Y4M header: missing or bad width (W)") }
        guard let height else { throw .invalidField("Y4M header: missing or bad height (H)") }
        guard let rate else { throw .invalidField("Y4M header: missing or bad frame rate (F)") }
        guard Self.acceptedChroma.contains(chroma) else {
            throw .unsupported("Y4M chroma C\(chroma): only 4:2:0 8-bit (C420, C420jpeg, C420mpeg2, C420paldv)")
        }
        self.width = width
        self.height = height
        frameRateNumerator = rate.0
        frameRateDenominator = rate.1
    }

    /// VP8 pictures are at most 16383 pixels a side (RFC 6386 §9.1).
    private static func dimension(_ text: String, _ name: String) -> Int? {
        guard let value = Int(text), (1...16383).contains(value) else { return nil }
        return value
    }

    private static func ratio(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let numerator = Int(parts[0]), let denominator = Int(parts[1]),
              (1...1_000_000).contains(numerator), (1...1_000_000).contains(denominator) else { return nil }
        return (numerator, denominator)
    }

    /// Bytes of one frame's planes: full-size luma, then Cb and Cr at half size rounded up.
    var frameSize: Int { width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2) }
}
