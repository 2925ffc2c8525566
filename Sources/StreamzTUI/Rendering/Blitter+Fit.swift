/// The best two-colour picture of one cell: the pixels of `mask` take the
/// foreground, the rest the background.
struct CellFit: Equatable {
    var mask: Int
    var foreground: RGB
    var background: RGB
}

extension Blitter {
    /// Tries every split of the cell's pixels in two and keeps the one with
    /// the least squared error, each side drawn in its mean colour (the mean
    /// is what minimises a side's error). With at most 6 pixels there are at
    /// most 31 splits, so trying them all is both exact and cheap: no k-means
    /// iterations, no chance of a local minimum.
    ///
    /// For a split into sets A and B the error is Σ|p|² - |ΣA|²/|A| - |ΣB|²/|B|,
    /// so minimising it means maximising the last two terms, which need only
    /// per-set sums.
    func fit(_ pixels: [RGB]) -> CellFit {
        let count = min(pixels.count, pixelsPerCell)
        guard count > 0 else { return CellFit(mask: 0, foreground: .black, background: .black) }
        var totalR = 0, totalG = 0, totalB = 0
        for i in 0..<count {
            totalR += Int(pixels[i].r)
            totalG += Int(pixels[i].g)
            totalB += Int(pixels[i].b)
        }
        var best = CellFit(mask: fullMask, foreground: mean(totalR, totalG, totalB, count), background: .black)
        best.background = best.foreground
        var bestScore = -1.0
        for mask in partitionMasks {
            var r = 0, g = 0, b = 0, n = 0
            for i in 0..<count where mask & (1 << i) != 0 {
                r += Int(pixels[i].r)
                g += Int(pixels[i].g)
                b += Int(pixels[i].b)
                n += 1
            }
            let rest = count - n
            guard n > 0, rest > 0 else { continue }
            let inside = Double(r * r + g * g + b * b) / Double(n)
            let or = totalR - r, og = totalG - g, ob = totalB - b
            let outside = Double(or * or + og * og + ob * ob) / Double(rest)
            let score = inside + outside
            if score > bestScore {
                bestScore = score
                best = CellFit(mask: mask, foreground: mean(r, g, b, n), background: mean(or, og, ob, rest))
            }
        }
        return best
    }

    private func mean(_ r: Int, _ g: Int, _ b: Int, _ n: Int) -> RGB {
        RGB(UInt8((r + n / 2) / n), UInt8((g + n / 2) / n), UInt8((b + n / 2) / n))
    }
}
