import StreamzRTC

/// The figures behind `Benchmarks/render`: for one pane size and set of
/// options, render a synthetic moving picture frame after frame through the
/// renderer and the pane writer, and report the bytes a terminal would
/// receive, the time each frame took, and how faithful the cells are.
public struct RenderBenchmark: Sendable {
    public struct Result: Equatable, Sendable {
        public var columns: Int
        public var rows: Int
        public var options: RenderOptions
        public var frames: Int
        /// The first frame, written in full.
        public var firstFrameBytes: Int
        /// Mean bytes of the frames after the first (only changed cells).
        public var meanDiffBytes: Double
        /// Mean time to render and encode one frame, by the clock given.
        public var meanFrameTime: Duration
        /// Mean PSNR (dB) of the cells' picture against the scaled source,
        /// each frame's capped at 99 (an exact picture is infinite).
        public var meanPSNR: Double
        /// The pane writer's colour tolerance used.
        public var colorTolerance: Int

        /// One line for a table: size, options, bytes, kbps at 30 fps, time, PSNR.
        public var summary: String {
            let kbps = meanDiffBytes * 8 * 30 / 1000
            let ms = Double(meanFrameTime.totalNanoseconds) / 1e6
            return "\(columns)x\(rows) \(options.blitter.rawValue) \(options.colorMode)"
                + "\(options.dithering ? " dithered" : "")\(colorTolerance > 0 ? " tolerance \(colorTolerance)" : ""): first \(firstFrameBytes) B, then \(Int(meanDiffBytes.rounded())) B/frame"
                + " (\(Int(kbps.rounded())) kbps at 30 fps), \(Self.format(ms)) ms/frame, PSNR \(Self.format(meanPSNR)) dB"
        }

        private static func format(_ value: Double) -> String {
            guard value.isFinite else { return "inf" }
            let hundredths = Int((value * 100).rounded())
            let fraction = abs(hundredths % 100)
            return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    public var sourceWidth: Int
    public var sourceHeight: Int
    /// Pixels the pattern moves per frame (0 gives a still picture).
    public var speed: Int
    /// Luma noise amplitude (± this much, different every frame), standing in
    /// for a camera sensor's; 0 for a clean synthetic picture.
    public var noise: Int

    public init(sourceWidth: Int = 640, sourceHeight: Int = 360, speed: Int = 4, noise: Int = 0) {
        self.sourceWidth = max(2, sourceWidth)
        self.sourceHeight = max(2, sourceHeight)
        self.speed = speed
        self.noise = max(0, noise)
    }

    /// Frame `index` of the moving test picture: a still background of luma
    /// and chroma ramps (smooth areas), a white square travelling diagonally
    /// and a dark bar sweeping across (sharp edges that move every frame).
    public func frame(_ index: Int) -> I420Frame {
        let w = sourceWidth, h = sourceHeight
        let shift = index * speed
        var y = [UInt8](repeating: 0, count: w * h)
        let side = max(2, h / 6)
        let boxX = shift % max(1, w - side), boxY = shift % max(1, h - side)
        // A linear congruential generator seeded by the frame: reproducible noise.
        var seed = UInt32(truncatingIfNeeded: index &* 2_654_435_761 &+ 1)
        for row in 0..<h {
            for column in 0..<w {
                let inBox = (boxX..<boxX + side).contains(column) && (boxY..<boxY + side).contains(row)
                let inBar = (column - shift % w + w) % w < max(1, w / 20)
                var luma = inBox ? 235 : inBar ? 30 : 16 + (column * 2 + row) % 220
                if noise > 0 {
                    seed = seed &* 1_664_525 &+ 1_013_904_223
                    luma += Int(seed >> 16) % (2 * noise + 1) - noise
                }
                y[row * w + column] = UInt8(min(255, max(0, luma)))
            }
        }
        let cw = (w + 1) / 2, ch = (h + 1) / 2
        var u = [UInt8](repeating: 0, count: cw * ch)
        var v = [UInt8](repeating: 0, count: cw * ch)
        for row in 0..<ch {
            for column in 0..<cw {
                u[row * cw + column] = UInt8(16 + row * 224 / ch)
                v[row * cw + column] = UInt8(16 + column * 224 / cw)
            }
        }
        // The planes are built to the sizes I420Frame checks, so this cannot fail;
        // a grey frame stands in rather than trapping if it ever did.
        return I420Frame(width: w, height: h, y: y, u: u, v: v)
            ?? I420Frame(width: w, height: h, luma: 126, cb: 128, cr: 128)
    }

    /// Renders `frames` frames (at least one) into a `columns` x `rows` pane.
    /// `now` reads the clock to time with (the executable passes process CPU
    /// time; tests pass a fake), read once before and once after each frame.
    public func run(columns: Int, rows: Int, options: RenderOptions, frames: Int, colorTolerance: Int = 0,
                    motionLead: Int = 0, now: () -> Instant) -> Result {
        var renderer = FrameRenderer(options: options)
        var writer = PaneWriter(colorTolerance: colorTolerance, motionLead: motionLead)
        let count = max(1, frames)
        var firstBytes = 0
        var diffBytes = 0
        var elapsed = Duration.zero
        var psnrSum = 0.0
        for index in 0..<count {
            let source = frame(index)
            let start = now()
            let grid = renderer.render(source, columns: columns, rows: rows)
            let bytes = writer.write(grid, at: PaneOrigin(row: 0, column: 0), colorMode: options.colorMode)
            elapsed += now() - start
            if index == 0 { firstBytes = bytes.count } else { diffBytes += bytes.count }
            let reference = source.scaled(to: renderer.layout(for: source, columns: columns, rows: rows))
            // Measure what the terminal shows, which a colour tolerance lets
            // lag slightly behind the grid just rendered.
            let shown = writer.screen ?? grid
            let psnr = shown.picture(options: options).psnr(against: reference) ?? 0
            // A perfect match (infinite PSNR) is capped so one frame cannot
            // make the mean meaningless.
            psnrSum += min(psnr, 99)
        }
        return Result(columns: columns, rows: rows, options: options, frames: count, firstFrameBytes: firstBytes,
                      meanDiffBytes: count > 1 ? Double(diffBytes) / Double(count - 1) : 0,
                      meanFrameTime: elapsed / count, meanPSNR: psnrSum / Double(count),
                      colorTolerance: colorTolerance)
    }
}
