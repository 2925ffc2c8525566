import Testing
@testable import StreamzRTC

/// `I420Frame.scaled`, which the sender runs on every frame of a `.y4m` whose size is not the
/// preset's: its values against a direct bilinear reference, and its cost, which is latency.
@Suite("I420 rescaling")
struct I420ScalingTests {
    /// Noise, so every tap and weight matters.
    static func plane(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<(width * height)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Bilinear with pixel centres aligned, in floating point, one output sample at a time.
    static func reference(_ plane: [UInt8], width: Int, height: Int, to newWidth: Int, _ newHeight: Int) -> [Double] {
        func position(_ index: Int, _ size: Int, _ newSize: Int) -> (Int, Int, Double) {
            let centre = max(0, (Double(index) + 0.5) * Double(size) / Double(newSize) - 0.5)
            let lower = min(size - 1, Int(centre))
            return (lower, min(size - 1, lower + 1), centre - Double(Int(centre)))
        }
        var output: [Double] = []
        for row in 0..<newHeight {
            let (y0, y1, wy) = position(row, height, newHeight)
            for column in 0..<newWidth {
                let (x0, x1, wx) = position(column, width, newWidth)
                func at(_ x: Int, _ y: Int) -> Double { Double(plane[y * width + x]) }
                let top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx
                let bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx
                output.append(top * (1 - wy) + bottom * wy)
            }
        }
        return output
    }

    @Test("every sample rounds bilinear interpolation, down, up, one axis and to one pixel",
          arguments: [(1280, 720, 640, 480), (640, 480, 320, 240), (7, 5, 3, 2), (3, 3, 8, 7), (1, 1, 4, 3),
                      (640, 480, 640, 240), (33, 17, 64, 17), (5, 9, 1, 1)])
    func matchesReference(sizes: (Int, Int, Int, Int)) {
        let (width, height, newWidth, newHeight) = sizes
        let plane = Self.plane(width: width, height: height, seed: UInt64(width * 7919 + height))
        let scaled = I420Frame.resample(plane, width: width, height: height, to: newWidth, newHeight)
        let expected = Self.reference(plane, width: width, height: height, to: newWidth, newHeight)
        #expect(scaled.count == newWidth * newHeight)
        let worst = zip(scaled, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
        // Rounding to a level gives up to 0.5 and the 16.16 positions a little more; a wrong
        // tap or weight on noise is off by tens of levels.
        #expect(worst <= 0.6, "largest difference \(worst) at \(sizes)")
    }

    @Test("all three planes are rescaled, with the chroma planes at half size rounded up")
    func planes() throws {
        let source = try #require(I420Frame(
            width: 9, height: 7, y: Self.plane(width: 9, height: 7, seed: 1),
            u: Self.plane(width: 5, height: 4, seed: 2), v: Self.plane(width: 5, height: 4, seed: 3)))
        let scaled = source.scaled(width: 5, height: 3)
        #expect(scaled.y == I420Frame.resample(source.y, width: 9, height: 7, to: 5, 3))
        #expect(scaled.u == I420Frame.resample(source.u, width: 5, height: 4, to: 3, 2))
        #expect(scaled.v == I420Frame.resample(source.v, width: 5, height: 4, to: 3, 2))
        #expect(scaled.u != scaled.v)
    }

    @Test("a plane shorter than its size says yields a blank plane of the new size, not a crash")
    func shortPlane() {
        #expect(I420Frame.resample([1, 2, 3], width: 4, height: 4, to: 2, 2) == [0, 0, 0, 0])
    }
}
