/// Picks palette colours for a limited mode, remembering its answers: video
/// repeats colours frame after frame, and each miss costs a distance to every
/// palette entry.
struct ColorQuantizer: Sendable {
    let palette: TerminalPalette
    private var cache: [RGB: RGB] = [:]
    /// Noise can make every colour new; past this many answers the cache is
    /// dropped rather than grown without bound.
    private let cacheLimit: Int

    init(palette: TerminalPalette, cacheLimit: Int = 1 << 16) {
        self.palette = palette
        self.cacheLimit = cacheLimit
    }

    /// The palette colour nearest to `color` in OKLab.
    mutating func nearest(_ color: RGB) -> RGB {
        if let hit = cache[color] { return hit }
        let pick = palette.entries[palette.nearestPosition(to: color)].rgb
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[color] = pick
        return pick
    }

    var cachedCount: Int { cache.count }
}
