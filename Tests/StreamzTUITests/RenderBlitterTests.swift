import Testing
@testable import StreamzTUI

@Suite("Render: blitter glyphs and the two-colour fit")
struct RenderBlitterTests {
    @Test("half blocks: empty, top, bottom, full")
    func halfBlockGlyphs() {
        #expect(Blitter.halfBlock.glyph(forMask: 0) == " ")
        #expect(Blitter.halfBlock.glyph(forMask: 1) == "▀")
        #expect(Blitter.halfBlock.glyph(forMask: 2) == "▄")
        #expect(Blitter.halfBlock.glyph(forMask: 3) == "█")
    }

    @Test("quadrants: all sixteen, by bit (UL 1, UR 2, LL 4, LR 8)")
    func quadrantGlyphs() {
        let glyphs = (0..<16).map { Blitter.quadrant.glyph(forMask: $0) }
        #expect(String(glyphs) == " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")
    }

    @Test("sextants: Unicode 13 code points, with the half and full blocks standing in")
    func sextantGlyphs() {
        let s = Blitter.sextant
        #expect(s.glyph(forMask: 0) == " ")
        #expect(s.glyph(forMask: 63) == "█")
        #expect(s.glyph(forMask: 0b010101) == "▌")
        #expect(s.glyph(forMask: 0b101010) == "▐")
        #expect(s.glyph(forMask: 1) == "\u{1FB00}")   // BLOCK SEXTANT-1
        #expect(s.glyph(forMask: 20) == "\u{1FB13}")  // SEXTANT-35, just below the left half
        #expect(s.glyph(forMask: 22) == "\u{1FB14}")  // SEXTANT-235, just above it
        #expect(s.glyph(forMask: 43) == "\u{1FB28}")  // SEXTANT-1246, just above the right half
        #expect(s.glyph(forMask: 62) == "\u{1FB3B}")  // SEXTANT-23456, the last one
        // Every pattern has a distinct glyph.
        #expect(Set((0..<64).map { s.glyph(forMask: $0) }).count == 64)
    }

    @Test("the fit tries each split once")
    func partitionCounts() {
        #expect(Blitter.halfBlock.partitionMasks == [1])
        #expect(Blitter.quadrant.partitionMasks.count == 7)
        #expect(Blitter.sextant.partitionMasks.count == 31)
    }

    @Test("the fit finds the split with the least squared error")
    func fitPicksBestSplit() {
        let a = RGB(250, 10, 10), b = RGB(10, 10, 250), c = RGB(240, 20, 10)
        // UL, UR, LL, LR: two reds on the diagonal-ish, a blue and a red.
        let fit = Blitter.quadrant.fit([a, b, c, c])
        // Best split: the blue alone (mask 2) vs the three reds.
        #expect(fit.mask == 0b1101)
        #expect(fit.foreground == RGB(243, 17, 10))
        #expect(fit.background == b)
    }

    @Test("the fit agrees with an exhaustive search on pseudo-random sextant cells")
    func fitMatchesBruteForce() {
        var seed: UInt32 = 12345
        func next() -> UInt8 {
            seed = seed &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: seed >> 16)
        }
        for _ in 0..<200 {
            let pixels = (0..<6).map { _ in RGB(next(), next(), next()) }
            let fit = Blitter.sextant.fit(pixels)
            var bestError = Double.infinity
            for mask in 1..<63 {
                bestError = min(bestError, splitError(pixels, mask: mask))
            }
            #expect(abs(splitError(pixels, mask: fit.mask) - bestError) < 1e-6)
        }
    }

    /// Squared error of drawing the split in its two exact means.
    private func splitError(_ pixels: [RGB], mask: Int) -> Double {
        var error = 0.0
        for side in [true, false] {
            let members = pixels.indices.filter { (mask & (1 << $0) != 0) == side }.map { pixels[$0] }
            guard !members.isEmpty else { continue }
            let n = Double(members.count)
            let mr = members.reduce(0.0) { $0 + Double($1.r) } / n
            let mg = members.reduce(0.0) { $0 + Double($1.g) } / n
            let mb = members.reduce(0.0) { $0 + Double($1.b) } / n
            for p in members {
                error += (Double(p.r) - mr) * (Double(p.r) - mr) + (Double(p.g) - mg) * (Double(p.g) - mg)
                    + (Double(p.b) - mb) * (Double(p.b) - mb)
            }
        }
        return error
    }
}
