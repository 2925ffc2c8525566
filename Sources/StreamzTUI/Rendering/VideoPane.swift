import StreamzRTC

/// One video pane of the monitor, end to end but still pure: the pacer
/// decides whether a decoded frame is drawn and in which colour mode, the
/// renderer makes the cells, the writer makes the bytes. The monitor writes
/// the bytes to the terminal and reports back how that went.
public struct VideoPane: Sendable {
    public var origin: PaneOrigin
    public var columns: Int
    public var rows: Int
    public private(set) var renderer: FrameRenderer
    public private(set) var writer: PaneWriter
    public private(set) var pacer: FramePacer
    /// The writer's tolerance in truecolor (palette modes diff exactly:
    /// quantisation already absorbs camera noise); cells written may reuse
    /// colours within half of it.
    public var truecolorTolerance: Int
    /// Every pixel within an RGB distance of 17 of the picture: on the
    /// render benchmark's mandelbrot zoom under 0.15 of mpv's bytes at
    /// better PSNR, on the test pattern still ~43 dB (DECISIONS.md).
    public static let defaultTruecolorTolerance = 17
    /// Frames a moving colour is drawn ahead (`PaneWriter.motionLead`).
    public static let defaultMotionLead = 2

    public init(origin: PaneOrigin, columns: Int, rows: Int, options: RenderOptions = RenderOptions(),
                pacing: FramePacer.Configuration = FramePacer.Configuration(),
                synchronizedOutput: Bool = true, truecolorTolerance: Int = VideoPane.defaultTruecolorTolerance) {
        self.origin = origin
        self.columns = columns
        self.rows = rows
        renderer = FrameRenderer(options: options)
        writer = PaneWriter(synchronizedOutput: synchronizedOutput)
        pacer = FramePacer(configuration: pacing)
        self.truecolorTolerance = max(0, truecolorTolerance)
    }

    /// A decoded frame arrived at `now`: the bytes to write, empty when the
    /// frame was dropped or nothing on screen changed. After writing
    /// non-empty bytes, call `didWrite`.
    public mutating func frameArrived(_ frame: I420Frame, at now: Instant) -> [UInt8] {
        guard case .render(let mode) = pacer.offer(at: now) else { return [] }
        renderer.options.colorMode = mode
        writer.colorTolerance = mode == .truecolor ? truecolorTolerance : 0
        writer.reuseTolerance = PaneWriter.defaultReuse(forTolerance: writer.colorTolerance)
        writer.motionLead = mode == .truecolor ? Self.defaultMotionLead : 0
        if writer.blitter != renderer.options.blitter { writer.blitter = renderer.options.blitter }
        let grid = renderer.render(frame, columns: columns, rows: rows)
        let bytes = writer.write(grid, at: origin, colorMode: mode)
        if bytes.isEmpty {
            // Nothing to write: the terminal is not involved, so the write is
            // complete at once.
            pacer.didWrite(bytes: 0, acceptedInTime: true, at: now)
        }
        return bytes
    }

    /// The bytes from `frameArrived` were written (or the attempt ended):
    /// `acceptedInTime` is false when the terminal blocked past its deadline.
    public mutating func didWrite(bytes: Int, acceptedInTime: Bool, at now: Instant) {
        pacer.didWrite(bytes: bytes, acceptedInTime: acceptedInTime, at: now)
        // A write that did not complete may have left the pane half drawn.
        if !acceptedInTime { writer.invalidate() }
    }

    /// The pane moved or was resized, or ncurses repainted the screen: the
    /// next frame is written in full.
    public mutating func relayout(origin: PaneOrigin, columns: Int, rows: Int) {
        self.origin = origin
        self.columns = columns
        self.rows = rows
        writer.invalidate()
    }

    /// The pane's share of the byte budget (see `FramePacer.setMaxKbps`).
    public mutating func setMaxKbps(_ kbps: Double?) {
        pacer.setMaxKbps(kbps)
    }

    public mutating func redrawAll() {
        writer.invalidate()
    }

    /// Switches the glyph set for the next frame (the diff rewrites the cells it changes).
    public mutating func setBlitter(_ blitter: Blitter) {
        renderer.options.blitter = blitter
    }
}
