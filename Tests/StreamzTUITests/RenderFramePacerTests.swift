import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: frame pacing policy")
struct RenderFramePacerTests {
    /// One offered frame and what the pacer made of it.
    struct Step {
        var time: Instant
        var decision: FramePacer.Decision
        var fps: Double
        var mode: ColorMode
    }

    /// Offers frames at `sourceFPS` for `seconds`; every rendered frame is
    /// "written" at once with `bytes(mode)` bytes, accepted as `accepted(t)` says.
    static func run(_ pacer: inout FramePacer, from start: Double = 0, seconds: Double, sourceFPS: Double,
                    bytes: (ColorMode) -> Int = { _ in 1000 }, accepted: (Double) -> Bool = { _ in true }) -> [Step] {
        var steps: [Step] = []
        let count = Int(seconds * sourceFPS)
        for i in 0..<count {
            let t = start + Double(i) / sourceFPS
            let now = Instant(nanoseconds: Int64((t * 1e9).rounded()))
            let decision = pacer.offer(at: now)
            if case .render(let mode) = decision {
                pacer.didWrite(bytes: bytes(mode), acceptedInTime: accepted(t), at: now)
            }
            steps.append(Step(time: now, decision: decision, fps: pacer.framesPerSecond, mode: pacer.colorMode))
        }
        return steps
    }

    static func rendered(_ steps: [Step]) -> Int {
        steps.filter { if case .render = $0.decision { true } else { false } }.count
    }

    @Test("an unconstrained terminal gets every frame of a 30 fps source")
    func unconstrained() {
        var pacer = FramePacer()
        let steps = Self.run(&pacer, seconds: 5, sourceFPS: 30)
        #expect(Self.rendered(steps) == steps.count)
        #expect(pacer.framesPerSecond == 30)
        #expect(pacer.colorMode == .truecolor)
    }

    @Test("a faster source is thinned to the frame rate by dropping, evenly")
    func thinning() {
        var pacer = FramePacer(configuration: .init(maxFramesPerSecond: 30))
        let steps = Self.run(&pacer, seconds: 2, sourceFPS: 60)
        #expect(Self.rendered(steps) == 60)
        #expect(steps.filter { $0.decision == .drop(.frameRate) }.count == 60)

        // 30 fps paced to 20: two frames in three, not one in two.
        var twenty = FramePacer(configuration: .init(maxFramesPerSecond: 20))
        #expect(Self.rendered(Self.run(&twenty, seconds: 3, sourceFPS: 30)) == 60)
    }

    @Test("frames are never queued: while a write is outstanding the next frame is dropped")
    func neverQueue() {
        var pacer = FramePacer()
        #expect(pacer.offer(at: .zero) == .render(.truecolor))
        #expect(pacer.offer(at: Instant(nanoseconds: 40_000_000)) == .drop(.backPressure))
        pacer.didWrite(bytes: 10, acceptedInTime: true, at: Instant(nanoseconds: 45_000_000))
        #expect(pacer.offer(at: Instant(nanoseconds: 80_000_000)) == .render(.truecolor))
    }

    @Test("back-pressure drops the next frame, then lowers the frame rate before the colours")
    func backPressure() {
        var pacer = FramePacer()
        #expect(pacer.offer(at: .zero) == .render(.truecolor))
        pacer.didWrite(bytes: 5000, acceptedInTime: false, at: .zero)
        #expect(pacer.offer(at: Instant(nanoseconds: 34_000_000)) == .drop(.backPressure))

        // A terminal that never keeps up.
        var slow = FramePacer()
        let steps = Self.run(&slow, seconds: 20, sourceFPS: 30, accepted: { _ in false })
        let firstColourDrop = steps.firstIndex { $0.mode != .truecolor }
        let reachedMinimum = steps.firstIndex { $0.fps == 5 }
        #expect(reachedMinimum != nil)
        #expect(firstColourDrop != nil)
        if let a = reachedMinimum, let b = firstColourDrop { #expect(a < b) }
        #expect(slow.colorMode == .monochrome)
        #expect(slow.framesPerSecond == 5)
    }

    @Test("a byte budget: rate down to its floor, then colour depth, until the output fits")
    func byteBudget() {
        // 100 kbps = 12 500 bytes/s. Per frame: truecolor 10 kB, 256 6 kB,
        // 16 3 kB, monochrome 1.5 kB. Even 5 fps of truecolor is 400 kbps.
        let sizes: [ColorMode: Int] = [.truecolor: 10_000, .palette256: 6_000, .ansi16: 3_000, .monochrome: 1_500]
        var pacer = FramePacer(configuration: .init(maxKbps: 100))
        let steps = Self.run(&pacer, seconds: 30, sourceFPS: 30, bytes: { sizes[$0] ?? 0 })
        // Rate first, colours after.
        let reachedMinimum = steps.firstIndex { $0.fps == 5 }
        let firstColourDrop = steps.firstIndex { $0.mode != .truecolor }
        #expect(reachedMinimum != nil && firstColourDrop != nil)
        if let a = reachedMinimum, let b = firstColourDrop { #expect(a < b) }
        #expect(steps.contains { $0.decision == .drop(.byteBudget) })
        // The last ten seconds stay within the budget (plus at most the half
        // second of credit the bucket holds).
        var written = 0
        for step in steps where step.time >= Instant(nanoseconds: 20_000_000_000) {
            if case .render(let mode) = step.decision { written += sizes[mode] ?? 0 }
        }
        #expect(Double(written) <= 10 * 12_500 + 6_250)
        #expect(pacer.colorMode < .truecolor)
    }

    @Test("a budget the video fits in changes nothing")
    func roomyBudget() {
        var pacer = FramePacer(configuration: .init(maxKbps: 1000))  // 125 kB/s
        let steps = Self.run(&pacer, seconds: 10, sourceFPS: 30, bytes: { _ in 2000 })  // 60 kB/s
        #expect(Self.rendered(steps) == steps.count)
        #expect(pacer.lastWindowKbps > 400 && pacer.lastWindowKbps < 560)
    }

    @Test("recovery climbs back colour first, then frame rate, to the ceiling it was given")
    func recovery() {
        var pacer = FramePacer(configuration: .init(richestColorMode: .palette256))
        #expect(pacer.colorMode == .palette256)
        let bad = Self.run(&pacer, seconds: 15, sourceFPS: 30, accepted: { _ in false })
        #expect(bad.last?.mode == .monochrome)
        let good = Self.run(&pacer, from: 15, seconds: 60, sourceFPS: 30)
        let colourBack = good.firstIndex { $0.mode == .palette256 }
        let rateUp = good.firstIndex { $0.fps > 5 }
        #expect(colourBack != nil && rateUp != nil)
        if let a = colourBack, let b = rateUp { #expect(a < b) }
        #expect(pacer.colorMode == .palette256)
        #expect(pacer.framesPerSecond == 30)
        #expect(!good.contains { $0.mode == .truecolor })
    }

    @Test("a richer mode that does not fit is retried ever more rarely, not see-sawed")
    func noSeeSaw() {
        // At a fixed 5 fps, truecolor (12 kB/frame, 480 kbps) overflows a
        // 400 kbps budget while 256 colours (3 kB, 120 kbps) use under half
        // of it, so without back-off the pacer would flip every few windows.
        let sizes: [ColorMode: Int] = [.truecolor: 12_000, .palette256: 3_000, .ansi16: 2_000, .monochrome: 1_000]
        var pacer = FramePacer(configuration: .init(maxFramesPerSecond: 5, minFramesPerSecond: 5, maxKbps: 400))
        let steps = Self.run(&pacer, seconds: 300, sourceFPS: 30, bytes: { sizes[$0] ?? 0 })
        var changes = 0
        for (a, b) in zip(steps, steps.dropFirst()) where a.mode != b.mode { changes += 1 }
        // Retries after 3, 6, 12, 24, 48, 96, 96 calm windows: a handful of
        // round trips in five minutes instead of ~75.
        #expect(changes >= 2)
        #expect(changes <= 16)
        #expect(steps.suffix(30).allSatisfy { $0.mode == .palette256 || $0.mode == .truecolor })
    }

    @Test("nonsense configuration values are clamped")
    func clampedConfiguration() {
        let c = FramePacer.Configuration(maxFramesPerSecond: 0, minFramesPerSecond: 50, maxKbps: -3, window: .zero)
        #expect(c.maxFramesPerSecond == 1)
        #expect(c.minFramesPerSecond == 1)
        #expect(c.maxKbps == 1)
        #expect(c.window == .seconds(1))
    }
}
