/// The agent's `--video testsrc` picture: 75 % colour bars with a box bouncing
/// across them and a line sweeping once a second (clear motion, so the encoder
/// works and a frozen stream is obvious), a clock and frame counter in digits
/// at the bottom, and the capture time as a `CaptureTimeCode` at the top.
///
/// Rendering is a pure function of the frame number and capture time; the
/// static bars are drawn once per size and copied.
public struct TestPattern: Sendable {
    public let width: Int
    public let height: Int
    private let background: I420Frame

    /// BT.601 75 % bars, left to right: white, yellow, cyan, green, magenta, red, blue
    /// (ITU-R BT.471 75 % bars in limited-range Y'CbCr).
    static let bars: [I420Frame.Colour] = [
        .init(luma: 180, cb: 128, cr: 128), .init(luma: 162, cb: 44, cr: 142),
        .init(luma: 131, cb: 156, cr: 44), .init(luma: 112, cb: 72, cr: 58),
        .init(luma: 84, cb: 184, cr: 198), .init(luma: 65, cb: 100, cr: 212),
        .init(luma: 35, cb: 212, cr: 114),
    ]

    /// A pattern of any size from `CaptureTimeCode`'s minimum up to VP8's 16383 (RFC 6386 §9.1).
    public init(width: Int, height: Int) throws(MediaSourceError) {
        guard (CaptureTimeCode.minimumWidth...16383).contains(width), (CaptureTimeCode.minimumHeight...16383).contains(height) else {
            throw .invalidField("test pattern size \(width)x\(height): needs at least \(CaptureTimeCode.minimumWidth)x\(CaptureTimeCode.minimumHeight)")
        }
        self.width = width
        self.height = height
        var frame = I420Frame(width: width, height: height, luma: 16, cb: 128, cr: 128)
        let top = CaptureTimeCode.bandBottom(height: height), bottom = Self.textBandTop(height: height)
        for (index, colour) in Self.bars.enumerated() {
            frame.fill(x0: index * width / Self.bars.count, y0: top, x1: (index + 1) * width / Self.bars.count, y1: bottom, colour)
        }
        background = frame
    }

    static func textBandTop(height: Int) -> Int { height - height / 6 }

    /// The picture for frame `frameNumber` captured at `captureTimeMilliseconds` (Unix epoch ms).
    public func render(frameNumber: Int, captureTimeMilliseconds: UInt64) -> I420Frame {
        var frame = background
        drawMotion(into: &frame, milliseconds: captureTimeMilliseconds)
        CaptureTimeCode.draw(captureTimeMilliseconds, into: &frame)
        let text = "\(Self.clockText(captureTimeMilliseconds)) #\(Self.counterText(frameNumber))"
        let band = height - Self.textBandTop(height: height)
        let advance = TestPatternFont.glyphWidth + 1
        let scale = max(1, min(band * 3 / (4 * TestPatternFont.glyphHeight), width * 9 / (10 * advance * text.count)))
        let textWidth = advance * scale * text.count - scale
        frame.drawText(text, x: (width - textWidth) / 2, y: Self.textBandTop(height: height) + (band - TestPatternFont.glyphHeight * scale) / 2,
                       scale: scale, luma: I420Frame.Colour.white.luma)
        return frame
    }

    /// Motion follows the capture time, not the frame number, so it moves at the
    /// same speed whatever the frame rate: the box crosses in 2 s and back, the line every second.
    private func drawMotion(into frame: inout I420Frame, milliseconds: UInt64) {
        let top = CaptureTimeCode.bandBottom(height: height), bottom = Self.textBandTop(height: height)
        let box = max(4, (bottom - top) / 3)
        let phase = Int(milliseconds % 4000)
        let travel = phase < 2000 ? phase : 4000 - phase
        let boxX = travel * (width - box) / 2000
        let boxY = top + (bottom - top - box) / 2
        frame.fill(x0: boxX, y0: boxY, x1: boxX + box, y1: boxY + box, .white)
        frame.fill(x0: boxX + box / 4, y0: boxY + box / 4, x1: boxX + box - box / 4, y1: boxY + box - box / 4, .black)
        let lineX = Int(milliseconds % 1000) * width / 1000
        frame.fill(x0: lineX, y0: top, x1: lineX + max(2, width / 80), y1: bottom, .black)
    }

    /// "HH:MM:SS.mmm" of the UTC time of day.
    static func clockText(_ milliseconds: UInt64) -> String {
        let dayMilliseconds = milliseconds % 86_400_000
        let hours = dayMilliseconds / 3_600_000, minutes = dayMilliseconds / 60_000 % 60
        let seconds = dayMilliseconds / 1000 % 60, millis = dayMilliseconds % 1000
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))"
    }

    static func counterText(_ frameNumber: Int) -> String { pad(UInt64(max(0, frameNumber) % 1_000_000), 6) }

    private static func pad(_ value: UInt64, _ digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
