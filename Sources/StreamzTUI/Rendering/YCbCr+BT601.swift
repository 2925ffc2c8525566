/// Y'CbCr -> R'G'B' for BT.601 "limited" (studio) range, the matrix and range
/// VP8 uses (RFC 6386 §2 cites ITU-R BT.601 for the colour space): luma spans
/// 16...235 and chroma 16...240 around 128.
enum BT601 {
    // 255/219 scales luma; the chroma factors are 2(1-Kr), 2(1-Kb) and the
    // green cross terms with Kr = 0.299, Kb = 0.114, scaled by 255/224.
    static let lumaScale: Float = 255.0 / 219.0
    static let crToR: Float = 1.402 * 255.0 / 224.0
    static let cbToG: Float = 0.344136 * 255.0 / 224.0
    static let crToG: Float = 0.714136 * 255.0 / 224.0
    static let cbToB: Float = 1.772 * 255.0 / 224.0

    /// One colour from (possibly fractional, area-averaged) samples.
    static func rgb(y: Float, cb: Float, cr: Float) -> RGB {
        let l = (y - 16) * lumaScale
        let u = cb - 128
        let v = cr - 128
        return RGB(clamp(l + crToR * v), clamp(l - cbToG * u - crToG * v), clamp(l + cbToB * u))
    }

    /// Rounds to the nearest byte, saturating at 0 and 255.
    static func clamp(_ value: Float) -> UInt8 {
        let rounded = (value + 0.5).rounded(.down)
        if rounded <= 0 { return 0 }
        if rounded >= 255 { return 255 }
        return UInt8(rounded)
    }
}
