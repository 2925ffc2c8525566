extension I420Frame {
    /// The picture resampled to another size (bilinear, per plane), for a source whose
    /// size is not the quality preset's (a Y4M file at 1280x720 sent at `medium`).
    ///
    /// This runs on the sending path for every such frame, after the capture time is stamped,
    /// so its cost is capture-to-decoded latency: the work is arranged to be cheap even in a
    /// debug build (see `resample`).
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

    /// One plane resampled, separably: each needed source row is interpolated horizontally once
    /// (and kept while the next output row still uses it), then pairs of those rows vertically.
    /// Where each output sample reads from is worked out once per call (`BilinearTaps`), not per
    /// pixel, and the loops index raw pointers with `while`: an unoptimised build then spends a
    /// few integer operations per sample instead of generic `min`/`max`, checked buffer subscripts
    /// and range iterators, which made 1280x720 to 640x480 cost 64 ms of CPU a frame.
    static func resample(_ plane: [UInt8], width: Int, height: Int, to newWidth: Int, _ newHeight: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: newWidth * newHeight)
        guard width > 0, height > 0, plane.count >= width * height else { return output }
        let columns = BilinearTaps(from: width, to: newWidth)
        let rows = BilinearTaps(from: height, to: newHeight)
        // Two horizontally interpolated source rows, in 1/65536ths of a level.
        var upper = UnsafeMutablePointer<Int>.allocate(capacity: newWidth)
        var lower = UnsafeMutablePointer<Int>.allocate(capacity: newWidth)
        defer {
            upper.deallocate()
            lower.deallocate()
        }
        var upperRow = -1, lowerRow = -1
        plane.withUnsafeBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { targetBuffer in
                guard let source = sourceBuffer.baseAddress, let target = targetBuffer.baseAddress else { return }
                var row = 0
                while row < newHeight {
                    let top = rows.first[row], bottom = rows.second[row], weight = rows.weight[row]
                    if top != upperRow, top == lowerRow {
                        swap(&upper, &lower)
                        swap(&upperRow, &lowerRow)
                    }
                    if top != upperRow {
                        columns.interpolate(source + top * width, into: upper)
                        upperRow = top
                    }
                    if bottom != lowerRow {
                        columns.interpolate(source + bottom * width, into: lower)
                        lowerRow = bottom
                    }
                    let line = target + row * newWidth
                    let upperWeight = 0x10000 - weight
                    var column = 0
                    while column < newWidth {
                        // Both weights sum to 2^16 each, so the rounded result is within 0...255
                        // (and the products, at most 255 x 2^32, fit an Int).
                        line[column] = UInt8((upper[column] * upperWeight + lower[column] * weight + 0x8000_0000) &>> 32)
                        column += 1
                    }
                    row += 1
                }
            }
        }
        return output
    }
}

/// For each output position along one axis: the two neighbouring source positions and the
/// second one's weight in 1/65536ths. Output sample i is centred at (i + 1/2) x size / newSize - 1/2
/// in source coordinates (pixel centres aligned), clamped at the edges; computed in 16.16 fixed point.
final class BilinearTaps {
    let first: UnsafeMutablePointer<Int>
    let second: UnsafeMutablePointer<Int>
    let weight: UnsafeMutablePointer<Int>
    let count: Int

    init(from size: Int, to newSize: Int) {
        count = newSize
        first = .allocate(capacity: newSize)
        second = .allocate(capacity: newSize)
        weight = .allocate(capacity: newSize)
        let step = (size << 16) / newSize
        var index = 0
        while index < newSize {
            let position = max(0, index * step + step / 2 - 0x8000)
            let lower = min(size - 1, position >> 16)
            first[index] = lower
            second[index] = min(size - 1, lower + 1)
            weight[index] = position & 0xFFFF
            index += 1
        }
    }

    deinit {
        first.deallocate()
        second.deallocate()
        weight.deallocate()
    }

    /// One source row interpolated at every output position, times 2^16.
    func interpolate(_ row: UnsafePointer<UInt8>, into line: UnsafeMutablePointer<Int>) {
        var index = 0
        while index < count {
            let right = weight[index]
            line[index] = Int(row[first[index]]) * (0x10000 - right) + Int(row[second[index]]) * right
            index += 1
        }
    }
}
