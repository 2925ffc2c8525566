import Testing
@testable import StreamzRTC

@Suite("Test pattern")
struct TestPatternTests {
    static let start = CaptureTimeCodeTests.start

    /// Pixels whose luma differs between two pictures of the same size.
    static func changedPixels(_ a: I420Frame, _ b: I420Frame, rows: Range<Int>) -> Int {
        rows.reduce(0) { count, row in
            count + (0..<a.width).filter { a.y[row * a.width + $0] != b.y[row * a.width + $0] }.count
        }
    }

    @Test("the bars move: the box and line change pixels as time passes, the bars stay")
    func motion() throws {
        let pattern = try TestPattern(width: 320, height: 240)
        let a = pattern.render(frameNumber: 0, captureTimeMilliseconds: Self.start)
        let b = pattern.render(frameNumber: 1, captureTimeMilliseconds: Self.start + 66)
        let middle = 40..<200
        #expect(Self.changedPixels(a, b, rows: middle) > 1000)
        #expect(a == pattern.render(frameNumber: 0, captureTimeMilliseconds: Self.start), "rendering is a pure function")
        // The rightmost bar column is blue (BT.601 75 %) where neither box nor line is.
        #expect(a.u[60 * a.chromaWidth + 159] == 212 && a.v[60 * a.chromaWidth + 159] == 114)
    }

    @Test("the clock and frame counter are drawn: different times and counters draw different digits")
    func digits() throws {
        let pattern = try TestPattern(width: 640, height: 480)
        #expect(TestPattern.clockText(Self.start) == "\(TestPattern.clockText(Self.start).prefix(8)).123")
        #expect(TestPattern.clockText(3_723_004) == "01:02:03.004")
        #expect(TestPattern.counterText(42) == "000042")
        let textRows = 400..<480
        let a = pattern.render(frameNumber: 1, captureTimeMilliseconds: 1000)
        let sameClockNextFrame = pattern.render(frameNumber: 2, captureTimeMilliseconds: 1000)
        let laterClock = pattern.render(frameNumber: 1, captureTimeMilliseconds: 2000)
        let lit = textRows.reduce(0) { count, row in count + (0..<640).filter { a.y[row * 640 + $0] == 235 }.count }
        #expect(lit > 2000, "white digits on the black band")
        #expect(Self.changedPixels(a, sameClockNextFrame, rows: textRows) > 0)
        #expect(Self.changedPixels(a, laterClock, rows: textRows) > 0)
    }

    @Test("the source follows the preset and changes size and rate live without breaking its timeline")
    func source() throws {
        let source = try TestPatternSource(width: 320, height: 240, framesPerSecond: 15)
        #expect(source.frameInterval == .nanoseconds(66_666_666))
        let frames = try (0..<15).map { try source.nextFrame(captureTimeMilliseconds: Self.start + UInt64($0 * 66)) }
        #expect(frames[14].presentationTime + frames[14].duration == .seconds(1))
        #expect(frames[1].rtpTimestamp90kHz == 6000)
        try source.configure(width: 640, height: 480, framesPerSecond: 30)
        let bigger = try source.nextFrame(captureTimeMilliseconds: Self.start + 1000)
        guard case .picture(let picture) = bigger.content else {
            Issue.record("the pattern yields pictures")
            return
        }
        #expect(picture.width == 640 && picture.height == 480)
        #expect(bigger.index == 15 && bigger.presentationTime == .seconds(1) && bigger.duration == .nanoseconds(33_333_333))
        #expect(CaptureTimeCode.read(from: picture) == Self.start + 1000)
        #expect(throws: MediaSourceError.self) { try source.configure(width: 32, height: 32, framesPerSecond: 30) }
        #expect(throws: MediaSourceError.invalidField("frame rate 0")) { try TestPatternSource(width: 320, height: 240, framesPerSecond: 0) }
    }
}
