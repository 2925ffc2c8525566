extension I420Frame {
    /// The picture resampled to another size (bilinear, per plane), for a source whose
    /// size is not the quality preset's (a Y4M file at 640x480 sent at `low`).
    public func scaled(width newWidth: Int, height newHeight: Int) -> I420Frame {
        guard newWidth > 0, newHeight > 0, newWidth != width || newHeight != height else { return self }
        let chromaW = (newWidth + 1) / 2
        let chromaH = (newHeight + 1) / 2
        let newY = Self.resample(y, width: width, height: height, to: newWidth, newHeight)
        let newU = Self.resample(u, width: chromaWidth, height: chromaHeight, to: chromaW, chromaH)
        let newV = Self.resample(v, width: chromaWidth, height: chromaHeight, to: chromaW, chromaH)
        // The planes have exactly the sizes the initializer checks.
        return I420Frame(width: newWidth, height: newHeight, y: newY, u: newU, v: newV)
            ?? I420Frame(width: newWidth, height: newHeight, luma: 16, cb: 128, cr: 128)
    }

    private static func resample(_ plane: [UInt8], width: Int, height: Int, to newWidth: Int, _ newHeight: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: newWidth * newHeight)
        // Sample at pixel centres, in 16.16 fixed point.
        let stepX = (width << 16) / newWidth
        let stepY = (height << 16) / newHeight
        plane.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for row in 0..<newHeight {
                    let fy = max(0, (row * stepY + stepY / 2) - 0x8000)
                    let y0 = min(height - 1, fy >> 16)
                    let y1 = min(height - 1, y0 + 1)
                    let wy = fy & 0xFFFF
                    for column in 0..<newWidth {
                        let fx = max(0, (column * stepX + stepX / 2) - 0x8000)
                        let x0 = min(width - 1, fx >> 16)
                        let x1 = min(width - 1, x0 + 1)
                        let wx = fx & 0xFFFF
                        let top = Int(source[y0 * width + x0]) * (0x10000 - wx) + Int(source[y0 * width + x1]) * wx
                        let bottom = Int(source[y1 * width + x0]) * (0x10000 - wx) + Int(source[y1 * width + x1]) * wx
                        let value = (top >> 16) * (0x10000 - wy) + (bottom >> 16) * wy
                        target[row * newWidth + column] = UInt8(clamping: value >> 16)
                    }
                }
            }
        }
        return output
    }
}
