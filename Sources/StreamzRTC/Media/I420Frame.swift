/// A decoded picture in I420 (YUV 4:2:0 planar): what the VP8 decoder gives
/// and what the terminal renderer draws. Planes are tightly packed
/// (stride = width for luma, (width + 1) / 2 for chroma).
public struct I420Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var y: [UInt8]
    public var u: [UInt8]
    public var v: [UInt8]

    public var chromaWidth: Int { (width + 1) / 2 }
    public var chromaHeight: Int { (height + 1) / 2 }

    /// A frame from packed planes; `nil` when a plane has the wrong size.
    public init?(width: Int, height: Int, y: [UInt8], u: [UInt8], v: [UInt8]) {
        guard width > 0, height > 0 else { return nil }
        let chroma = ((width + 1) / 2) * ((height + 1) / 2)
        guard y.count == width * height, u.count == chroma, v.count == chroma else { return nil }
        self.width = width
        self.height = height
        self.y = y
        self.u = u
        self.v = v
    }

    /// A frame of one colour, given in Y'CbCr.
    public init(width: Int, height: Int, luma: UInt8, cb: UInt8, cr: UInt8) {
        precondition(width > 0 && height > 0, "a frame has at least one pixel")
        self.width = width
        self.height = height
        let chroma = ((width + 1) / 2) * ((height + 1) / 2)
        y = [UInt8](repeating: luma, count: width * height)
        u = [UInt8](repeating: cb, count: chroma)
        v = [UInt8](repeating: cr, count: chroma)
    }
}
