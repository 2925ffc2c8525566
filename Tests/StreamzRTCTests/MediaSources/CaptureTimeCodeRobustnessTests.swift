import Testing
@testable import StreamzRTC
#if canImport(Glibc)
import Glibc
#endif

@Suite("Capture-time code robustness")
struct CaptureTimeCodeRobustnessTests {
    static let start = CaptureTimeCodeTests.start

    /// Bilinear resampling of one plane, as a viewer or a scaling encoder would do it.
    static func resample(_ plane: [UInt8], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: toWidth * toHeight)
        for row in 0..<toHeight {
            let sy = max(0, (Double(row) + 0.5) * Double(height) / Double(toHeight) - 0.5)
            let y0 = min(height - 1, Int(sy)), y1 = min(height - 1, y0 + 1), fy = sy - Double(y0)
            for column in 0..<toWidth {
                let sx = max(0, (Double(column) + 0.5) * Double(width) / Double(toWidth) - 0.5)
                let x0 = min(width - 1, Int(sx)), x1 = min(width - 1, x0 + 1), fx = sx - Double(x0)
                let top = Double(plane[y0 * width + x0]) * (1 - fx) + Double(plane[y0 * width + x1]) * fx
                let bottom = Double(plane[y1 * width + x0]) * (1 - fx) + Double(plane[y1 * width + x1]) * fx
                output[row * toWidth + column] = UInt8((top * (1 - fy) + bottom * fy).rounded())
            }
        }
        return output
    }

    /// The luma plane rescaled (the reader looks at nothing else; chroma is left neutral).
    static func scaled(_ frame: I420Frame, width: Int, height: Int) throws -> I420Frame {
        let chroma = [UInt8](repeating: 128, count: ((width + 1) / 2) * ((height + 1) / 2))
        return try #require(I420Frame(
            width: width, height: height,
            y: resample(frame.y, width: frame.width, height: frame.height, toWidth: width, toHeight: height), u: chroma, v: chroma))
    }

    @Test("decoded 640x480 frames rescaled to other sizes still read exactly", arguments: [(320, 240), (480, 360), (720, 540), (800, 450)])
    func rescaled(size: (Int, Int)) throws {
        let pattern = try TestPattern(width: 640, height: 480)
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 640, height: 480, framesPerSecond: 30, targetBitrateKbps: 800))
        let decoder = try VP8Decoder()
        var read = 0, total = 0
        for index in 0..<10 {
            let milliseconds = Self.start + UInt64(index * 33)
            for frame in try encoder.encode(pattern.render(frameNumber: index, captureTimeMilliseconds: milliseconds)) {
                guard let picture = try decoder.decode(frame.data) else { continue }
                total += 1
                let value = CaptureTimeCode.read(from: try Self.scaled(picture, width: size.0, height: size.1))
                #expect(value == nil || value == milliseconds)
                if value == milliseconds { read += 1 }
            }
        }
        #expect(total >= 9 && read == total)
    }

    @Test("garbage pictures read as nil: noise, flat colours, bars without a code, tiny frames")
    func garbage() throws {
        var random = SeededRandom(seed: 99)
        for size in [(320, 240), (640, 480), (68, 48)] {
            for _ in 0..<20 {
                // Eight noise bytes per draw: debug builds are slow per call.
                let words = (0..<((size.0 * size.1 + 7) / 8)).map { _ in random.next() }
                let noise = words.withUnsafeBytes { Array($0.prefix(size.0 * size.1)) }
                let chroma = [UInt8](repeating: 128, count: ((size.0 + 1) / 2) * ((size.1 + 1) / 2))
                let frame = try #require(I420Frame(width: size.0, height: size.1, y: noise, u: chroma, v: chroma))
                #expect(CaptureTimeCode.read(from: frame) == nil)
            }
            for luma in [UInt8(0), 16, 128, 235, 255] {
                #expect(CaptureTimeCode.read(from: I420Frame(width: size.0, height: size.1, luma: luma, cb: 128, cr: 128)) == nil)
            }
        }
        // Random black/white cells in the code's own grid, sync included: the structure is right, the content is not.
        let pattern = try TestPattern(width: 320, height: 240)
        for _ in 0..<500 {
            var frame = pattern.render(frameNumber: 0, captureTimeMilliseconds: Self.start)
            for row in 0..<CaptureTimeCode.rows {
                for column in 0..<CaptureTimeCode.columns where !CaptureTimeCode.syncColumns.contains(column) {
                    let cell = CaptureTimeCode.cell(row: row, column: column, width: 320, height: 240)
                    frame.fillLuma(x0: cell.x0, y0: cell.y0, x1: cell.x1, y1: cell.y1, Bool.random(using: &random) ? 235 : 16)
                }
            }
            let value = CaptureTimeCode.read(from: frame)
            // Only a random grid that happens to be a valid codeword may read; it then reads as what is drawn.
            if let value { #expect(CaptureTimeCode.bits(for: value) == Self.drawnBits(frame)) }
        }
        #expect(CaptureTimeCode.read(from: I420Frame(width: 67, height: 240, luma: 16, cb: 128, cr: 128)) == nil)
        #expect(CaptureTimeCode.read(from: I420Frame(width: 1, height: 1, luma: 16, cb: 128, cr: 128)) == nil)
    }

    static func drawnBits(_ frame: I420Frame) -> [Bool] {
        CaptureTimeCode.dataCells.map { position in
            let cell = CaptureTimeCode.cell(row: position.row, column: position.column, width: frame.width, height: frame.height)
            return frame.y[(cell.y0 + 1) * frame.width + cell.x0 + 1] > 128
        }
    }

    @Test("one, two or three flipped cells are always caught by the CRC, never misread")
    func flippedCells() throws {
        let pattern = try TestPattern(width: 320, height: 240)
        var random = SeededRandom(seed: 7)
        for trial in 0..<1500 {
            let milliseconds = Self.start + UInt64(trial * 17)
            var frame = pattern.render(frameNumber: trial, captureTimeMilliseconds: milliseconds)
            let cells = CaptureTimeCode.dataCells.shuffled(using: &random).prefix(1 + trial % 3)
            for position in cells {
                let cell = CaptureTimeCode.cell(row: position.row, column: position.column, width: 320, height: 240)
                let centre = frame.y[((cell.y0 + cell.y1) / 2) * 320 + (cell.x0 + cell.x1) / 2]
                frame.fillLuma(x0: cell.x0, y0: cell.y0, x1: cell.x1, y1: cell.y1, centre > 128 ? 16 : 235)
            }
            #expect(CaptureTimeCode.read(from: frame) == nil)
        }
    }

    @Test("a half-grey cell makes the code unreadable rather than guessed")
    func ambiguousCell() throws {
        var frame = try TestPattern(width: 320, height: 240).render(frameNumber: 0, captureTimeMilliseconds: Self.start)
        let cell = CaptureTimeCode.cell(row: 1, column: 10, width: 320, height: 240)
        frame.fillLuma(x0: cell.x0, y0: cell.y0, x1: cell.x1, y1: cell.y1, 126)
        #expect(CaptureTimeCode.read(from: frame) == nil)
    }

    @Test("reading a 1280x720 frame is cheap (reported, not asserted)")
    func readerCost() throws {
        let frame = try TestPattern(width: 1280, height: 720).render(frameNumber: 0, captureTimeMilliseconds: Self.start)
        let clock = ContinuousClock()
        var reads = 0
        let elapsed = clock.measure {
            for _ in 0..<200 where CaptureTimeCode.read(from: frame) == Self.start { reads += 1 }
        }
        #expect(reads == 200)
        print("CaptureTimeCode.read at 1280x720: \(elapsed / 200) per frame (debug build)")
        let pattern = try TestPattern(width: 1280, height: 720)
        let rendering = clock.measure {
            for index in 0..<30 { _ = pattern.render(frameNumber: index, captureTimeMilliseconds: Self.start + UInt64(index)) }
        }
        print("TestPattern.render at 1280x720: \(rendering / 30) per frame (debug build)")
    }
}
