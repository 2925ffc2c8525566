import StreamzRTC

/// Decides which decoded frames the monitor draws, so the terminal (often a
/// slow SSH link) never falls behind the video.
///
/// Frames are dropped, never queued: a late frame is worth less than the next
/// one. When the byte budget (`--max-kbps`) is exceeded or the terminal does
/// not take a write in time (back-pressure), the pacer first lowers the frame
/// rate down to a floor, and only then the colour depth (truecolor -> 256 ->
/// 16 -> monochrome), which shrinks every frame's escape codes. When things
/// stay calm it climbs back in the reverse order: colour first, then rate.
///
/// Pure: time comes in as a parameter, bytes and back-pressure as reports.
public struct FramePacer: Sendable {
    public struct Configuration: Equatable, Sendable {
        public var maxFramesPerSecond: Double
        public var minFramesPerSecond: Double
        /// Kilobits per second of terminal output; `nil` for no cap.
        public var maxKbps: Double?
        /// The richest mode the terminal supports (from `ColorMode.detect`).
        public var richestColorMode: ColorMode
        /// How long the pacer watches before it changes rate or colour.
        public var window: Duration

        public init(maxFramesPerSecond: Double = 30, minFramesPerSecond: Double = 5, maxKbps: Double? = nil,
                    richestColorMode: ColorMode = .truecolor, window: Duration = .seconds(1)) {
            self.maxFramesPerSecond = max(1, maxFramesPerSecond)
            self.minFramesPerSecond = min(max(1, minFramesPerSecond), self.maxFramesPerSecond)
            self.maxKbps = maxKbps.map { max(1, $0) }
            self.richestColorMode = richestColorMode
            self.window = window > .zero ? window : .seconds(1)
        }
    }

    public enum Decision: Equatable, Sendable {
        /// Draw this frame in this colour mode, then call `didWrite`.
        case render(ColorMode)
        case drop(DropReason)
    }

    public enum DropReason: Equatable, Sendable {
        /// Too soon after the last drawn frame for the current frame rate.
        case frameRate
        /// The last write has not been reported done, or was not taken in time.
        case backPressure
        /// The byte budget is spent until it refills.
        case byteBudget
    }

    public private(set) var configuration: Configuration
    public private(set) var framesPerSecond: Double
    public private(set) var colorMode: ColorMode

    private var nextDue: Instant?
    private var writeInFlight = false
    private var skipNext = false
    /// Bytes the budget allows right now; negative while in debt.
    private var credit: Double
    private var creditUpdated: Instant?
    private var windowStart: Instant?
    private var windowBytes = 0
    private var windowCongested = false
    private var calmWindows = 0
    /// Calm windows needed before the next step up; doubles each time a step
    /// up is undone by the next overload, so a richer mode that does not fit
    /// is retried ever more rarely instead of see-sawing.
    private var calmWindowsNeeded = FramePacer.calmWindowsToRecover
    private var lastStepWasUp = false

    /// Raising the rate or colour needs this many calm windows in a row, so a
    /// brief lull does not set off a see-saw.
    static let calmWindowsToRecover = 3
    static let maxCalmWindowsToRecover = 96
    /// Each step down multiplies the rate by this (and a step up divides by it).
    static let rateStep = 0.75

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        framesPerSecond = configuration.maxFramesPerSecond
        colorMode = configuration.richestColorMode
        credit = configuration.maxKbps.map { FramePacer.bytesPerSecond($0) / 2 } ?? 0
    }

    /// Changes the byte budget while running (the monitor shares
    /// `--max-kbps` among the grid's panes); saved credit beyond the new
    /// budget's half second is dropped so the change takes hold at once.
    public mutating func setMaxKbps(_ kbps: Double?) {
        configuration.maxKbps = kbps.map { max(1, $0) }
        if let rate = configuration.maxKbps.map(FramePacer.bytesPerSecond) { credit = min(credit, rate / 2) }
    }

    /// A decoded frame arrived at `now`: draw it or drop it.
    public mutating func offer(at now: Instant) -> Decision {
        closeWindowIfDue(at: now)
        refill(at: now)
        if writeInFlight || skipNext {
            skipNext = false
            windowCongested = true
            return .drop(.backPressure)
        }
        let interval = 1 / framesPerSecond
        if let due = nextDue, FramePacer.seconds(due - now) > interval * 0.1 {
            return .drop(.frameRate)
        }
        if configuration.maxKbps != nil, credit < 0 {
            windowCongested = true
            return .drop(.byteBudget)
        }
        // Schedule from the due time, not from now, so a 30 fps source paced
        // to 20 fps keeps two frames in three rather than one in two; after a
        // long gap start afresh.
        let base = nextDue.map { FramePacer.seconds(now - $0) > interval ? now : $0 } ?? now
        nextDue = base + .nanoseconds(Int64(interval * 1e9))
        writeInFlight = true
        return .render(colorMode)
    }

    /// The frame `offer` allowed was written: `bytes` long, and the terminal
    /// took it in time (`false` when the write blocked or timed out).
    public mutating func didWrite(bytes: Int, acceptedInTime: Bool, at now: Instant) {
        writeInFlight = false
        refill(at: now)
        credit -= Double(max(0, bytes))
        windowBytes += max(0, bytes)
        if !acceptedInTime {
            skipNext = true
            windowCongested = true
        }
        closeWindowIfDue(at: now)
    }

    /// Output rate over the last closed window, in kbps (for the status line).
    public private(set) var lastWindowKbps: Double = 0

    private mutating func refill(at now: Instant) {
        guard let kbps = configuration.maxKbps else { return }
        if let last = creditUpdated {
            let rate = FramePacer.bytesPerSecond(kbps)
            // Hold at most half a second of credit so a quiet spell cannot be
            // spent as one large burst.
            credit = min(rate / 2, credit + FramePacer.seconds(now - last) * rate)
        }
        creditUpdated = now
    }

    private mutating func closeWindowIfDue(at now: Instant) {
        guard let start = windowStart else {
            windowStart = now
            return
        }
        let elapsed = FramePacer.seconds(now - start)
        guard elapsed >= FramePacer.seconds(configuration.window) else { return }
        lastWindowKbps = Double(windowBytes) * 8 / 1000 / elapsed
        let overBudget = configuration.maxKbps.map { lastWindowKbps > $0 } ?? false
        if windowCongested || overBudget {
            if lastStepWasUp {
                calmWindowsNeeded = min(calmWindowsNeeded * 2, FramePacer.maxCalmWindowsToRecover)
            }
            lastStepWasUp = false
            stepDown()
            calmWindows = 0
        } else {
            calmWindows += 1
            if calmWindows >= calmWindowsNeeded {
                // A step up that has held this long was a good one.
                if lastStepWasUp { calmWindowsNeeded = FramePacer.calmWindowsToRecover }
                lastStepWasUp = stepUp()
                calmWindows = 0
            }
        }
        windowStart = now
        windowBytes = 0
        windowCongested = false
    }

    private mutating func stepDown() {
        if framesPerSecond > configuration.minFramesPerSecond {
            framesPerSecond = max(configuration.minFramesPerSecond, framesPerSecond * FramePacer.rateStep)
        } else if let poorer = colorMode.poorer {
            colorMode = poorer
        }
    }

    /// Climbs one step; whether anything changed.
    private mutating func stepUp() -> Bool {
        // Only climb when the budget would still have room to spare.
        if let kbps = configuration.maxKbps, lastWindowKbps > kbps / 2 { return false }
        if colorMode < configuration.richestColorMode, let richer = colorMode.richer {
            colorMode = richer
            return true
        }
        if framesPerSecond < configuration.maxFramesPerSecond {
            framesPerSecond = min(configuration.maxFramesPerSecond, framesPerSecond / FramePacer.rateStep)
            return true
        }
        return false
    }

    private static func bytesPerSecond(_ kbps: Double) -> Double { kbps * 1000 / 8 }

    private static func seconds(_ d: Duration) -> Double { Double(d.totalNanoseconds) / 1e9 }
}
