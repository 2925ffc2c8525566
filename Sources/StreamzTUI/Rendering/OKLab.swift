import Foundation

/// A colour in OKLab (Björn Ottosson, 2020): a perceptual space where
/// Euclidean distance tracks how different two colours look far better than
/// distance in sRGB, which is what "nearest palette colour" needs.
struct OKLab: Equatable, Sendable {
    var l: Float
    var a: Float
    var b: Float

    init(l: Float, a: Float, b: Float) {
        self.l = l
        self.a = a
        self.b = b
    }

    init(_ c: RGB) {
        let r = OKLab.linear[Int(c.r)]
        let g = OKLab.linear[Int(c.g)]
        let bl = OKLab.linear[Int(c.b)]
        let lms0 = cbrtf(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl)
        let lms1 = cbrtf(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl)
        let lms2 = cbrtf(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl)
        l = 0.2104542553 * lms0 + 0.7936177850 * lms1 - 0.0040720468 * lms2
        a = 1.9779984951 * lms0 - 2.4285922050 * lms1 + 0.4505937099 * lms2
        b = 0.0259040371 * lms0 + 0.7827717662 * lms1 - 0.8086757660 * lms2
    }

    func distanceSquared(to other: OKLab) -> Float {
        let dl = l - other.l
        let da = a - other.a
        let db = b - other.b
        return dl * dl + da * da + db * db
    }

    /// The sRGB transfer function undone (IEC 61966-2-1), one entry per byte value.
    static let linear: [Float] = (0...255).map { value in
        let c = Float(value) / 255
        return c <= 0.04045 ? c / 12.92 : powf((c + 0.055) / 1.055, 2.4)
    }
}
