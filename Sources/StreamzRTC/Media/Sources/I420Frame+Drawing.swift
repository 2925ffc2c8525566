/// Rectangle fills for drawing the test pattern. Coordinates are luma pixels,
/// half-open (`x0..<x1`), clipped to the frame; chroma covers every 2x2 block
/// the rectangle touches, as 4:2:0 subsampling requires.
extension I420Frame {
    /// A colour in limited-range BT.601 Y'CbCr (luma 16-235, chroma 16-240), what VP8 carries.
    struct Colour: Equatable, Sendable {
        var luma: UInt8
        var cb: UInt8
        var cr: UInt8

        static let black = Colour(luma: 16, cb: 128, cr: 128)
        static let white = Colour(luma: 235, cb: 128, cr: 128)
        static let grey = Colour(luma: 128, cb: 128, cr: 128)
    }

    mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, _ colour: Colour) {
        fillLuma(x0: x0, y0: y0, x1: x1, y1: y1, colour.luma)
        let cx0 = max(0, x0) / 2, cy0 = max(0, y0) / 2
        let cx1 = min(chromaWidth, (min(width, x1) + 1) / 2), cy1 = min(chromaHeight, (min(height, y1) + 1) / 2)
        guard cx0 < cx1, cy0 < cy1 else { return }
        let stride = chromaWidth
        u.withUnsafeMutableBufferPointer { plane in
            for row in cy0..<cy1 { plane[(row * stride + cx0)..<(row * stride + cx1)].update(repeating: colour.cb) }
        }
        v.withUnsafeMutableBufferPointer { plane in
            for row in cy0..<cy1 { plane[(row * stride + cx0)..<(row * stride + cx1)].update(repeating: colour.cr) }
        }
    }

    /// Luma only: for black/white marks on a neutral background, whose chroma is already 128.
    mutating func fillLuma(x0: Int, y0: Int, x1: Int, y1: Int, _ luma: UInt8) {
        let left = max(0, x0), right = min(width, x1), top = max(0, y0), bottom = min(height, y1)
        guard left < right, top < bottom else { return }
        let stride = width
        y.withUnsafeMutableBufferPointer { plane in
            for row in top..<bottom { plane[(row * stride + left)..<(row * stride + right)].update(repeating: luma) }
        }
    }

    /// The mean luma of a rectangle (clipped), or nil when it holds no pixel.
    func meanLuma(x0: Int, y0: Int, x1: Int, y1: Int) -> Double? {
        let left = max(0, x0), right = min(width, x1), top = max(0, y0), bottom = min(height, y1)
        guard left < right, top < bottom else { return nil }
        var sum = 0
        y.withUnsafeBufferPointer { plane in
            for row in top..<bottom {
                for index in (row * width + left)..<(row * width + right) { sum += Int(plane[index]) }
            }
        }
        return Double(sum) / Double((right - left) * (bottom - top))
    }
}
