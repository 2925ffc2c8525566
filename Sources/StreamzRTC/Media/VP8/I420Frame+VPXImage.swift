import CVPX

extension I420Frame {
    /// Copies a decoded libvpx picture (planes with padding strides) into packed planes.
    init?(copying image: vpx_image_t) {
        guard image.fmt == VPX_IMG_FMT_I420, image.d_w > 0, image.d_h > 0 else { return nil }
        let width = Int(image.d_w)
        let height = Int(image.d_h)
        let chromaWidth = (width + 1) / 2
        let chromaHeight = (height + 1) / 2
        guard let y = Self.packedPlane(image.planes.0, stride: Int(image.stride.0), width: width, height: height),
              let u = Self.packedPlane(image.planes.1, stride: Int(image.stride.1), width: chromaWidth, height: chromaHeight),
              let v = Self.packedPlane(image.planes.2, stride: Int(image.stride.2), width: chromaWidth, height: chromaHeight)
        else { return nil }
        self.init(width: width, height: height, y: y, u: u, v: v)
    }

    private static func packedPlane(_ base: UnsafeMutablePointer<UInt8>?, stride: Int, width: Int, height: Int) -> [UInt8]? {
        guard let base, stride >= width else { return nil }
        return [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
            for row in 0..<height {
                let source = UnsafeBufferPointer(start: base + row * stride, count: width)
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(row * width)..<((row + 1) * width)]).initialize(from: source)
            }
            count = width * height
        }
    }

    /// Writes the packed planes into an allocated libvpx image of the same size.
    func copy(into image: UnsafeMutablePointer<vpx_image_t>) {
        Self.copyPlane(y, width: width, height: height, to: image.pointee.planes.0, stride: Int(image.pointee.stride.0))
        Self.copyPlane(u, width: chromaWidth, height: chromaHeight, to: image.pointee.planes.1, stride: Int(image.pointee.stride.1))
        Self.copyPlane(v, width: chromaWidth, height: chromaHeight, to: image.pointee.planes.2, stride: Int(image.pointee.stride.2))
    }

    private static func copyPlane(_ plane: [UInt8], width: Int, height: Int, to base: UnsafeMutablePointer<UInt8>?, stride: Int) {
        guard let base else { return }
        plane.withUnsafeBufferPointer { source in
            for row in 0..<height {
                guard let start = source.baseAddress else { return }
                (base + row * stride).update(from: start + row * width, count: width)
            }
        }
    }
}

/// libvpx's description of its last error on a context.
func vpxErrorDescription(_ context: UnsafeMutablePointer<vpx_codec_ctx_t>, _ status: vpx_codec_err_t) -> String {
    let summary = String(cString: vpx_codec_err_to_string(status))
    guard let detail = vpx_codec_error_detail(context) else { return summary }
    return "\(summary): \(String(cString: detail))"
}
