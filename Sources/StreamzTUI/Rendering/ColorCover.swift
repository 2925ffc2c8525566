/// The colours one frame's writes use, gathered so that close colours become
/// one: a colour asked for is served by the nearest colour already here
/// within `radius` (Euclidean RGB), and becomes a new colour otherwise.
///
/// Cells drawn with a shared colour can share its colour code too, when the
/// writes are ordered by colour (PaneWriter+Grouped.swift). Lookups go
/// through a grid of buckets at least `radius` wide, so a query looks at the
/// 27 buckets around it instead of at every colour so far.
struct ColorCover {
    private(set) var radius: Int
    private(set) var colors: [RGB] = []
    /// Per bucket, the newest colour in it; per colour, the one before it
    /// in the same bucket (-1: none).
    private var newest: [Int32]
    private var older: [Int32] = []
    private var side: Int
    private var span: Int

    init(radius: Int) {
        self.radius = max(0, radius)
        // Buckets no narrower than 8 keep the grid small (at most 35³) for
        // tiny radii; any side of at least the radius works.
        side = max(8, self.radius)
        span = 256 / side + 3
        newest = [Int32](repeating: -1, count: span * span * span)
    }

    /// A cover holding nothing and no storage, to be `reset` before use.
    init() {
        radius = 0
        side = 0
        span = 0
        newest = []
    }

    /// Empties the cover for the next frame. The bucket grid is kept (only
    /// the buckets used are cleared), so a frame costs no 170 KB allocation.
    mutating func reset(radius: Int) {
        guard max(8, max(0, radius)) == side else {
            self = ColorCover(radius: radius)
            return
        }
        self.radius = max(0, radius)
        for color in colors { newest[bucket(of: color)] = -1 }
        colors.removeAll(keepingCapacity: true)
        older.removeAll(keepingCapacity: true)
    }

    /// The id of the nearest colour within the radius of `color` that also
    /// passes `accepts` (nil: any), adding `color` itself when none does.
    mutating func id(for color: RGB, accepts: ((RGB) -> Bool)? = nil) -> Int {
        nearest(to: color, accepts: accepts) ?? add(color)
    }

    subscript(id: Int) -> RGB { colors[id] }

    /// The nearest colour within the radius of `color` passing `accepts`.
    func nearest(to color: RGB, accepts: ((RGB) -> Bool)? = nil) -> Int? {
        let bound = radius * radius
        let r = Int(color.r) / side + 1, g = Int(color.g) / side + 1, b = Int(color.b) / side + 1
        var best = -1, bestDistance = Int.max
        for br in r - 1...r + 1 {
            for bg in g - 1...g + 1 {
                for bb in b - 1...b + 1 {
                    var id = Int(newest[(br * span + bg) * span + bb])
                    while id >= 0 {
                        let d = PaneWriter.distanceSquared(colors[id], color)
                        if d <= bound, d < bestDistance, accepts?(colors[id]) ?? true {
                            best = id
                            bestDistance = d
                        }
                        id = Int(older[id])
                    }
                }
            }
        }
        return best >= 0 ? best : nil
    }

    private mutating func add(_ color: RGB) -> Int {
        let index = bucket(of: color)
        colors.append(color)
        older.append(newest[index])
        newest[index] = Int32(colors.count - 1)
        return colors.count - 1
    }

    /// Bucket coordinates run from -1 to 256 / side + 1, shifted by one.
    private func bucket(of color: RGB) -> Int {
        ((Int(color.r) / side + 1) * span + Int(color.g) / side + 1) * span + Int(color.b) / side + 1
    }
}
