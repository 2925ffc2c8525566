import StreamzRTC
import Testing
@testable import StreamzTUI

extension RenderFramePacerTests {
    @Test("a budget lowered while running (a grid pane's share) takes hold at once and is met")
    func budgetChangedWhileRunning() {
        // 2 kB frames at 30 fps = 480 kbps: fits 1000 kbps, not a quarter of it.
        var pacer = FramePacer(configuration: .init(maxKbps: 1000))
        let roomy = Self.run(&pacer, seconds: 5, sourceFPS: 30, bytes: { _ in 2000 })
        #expect(Self.rendered(roomy) == roomy.count)
        pacer.setMaxKbps(250)
        #expect(pacer.configuration.maxKbps == 250)
        let shared = Self.run(&pacer, from: 5, seconds: 20, sourceFPS: 30, bytes: { _ in 2000 })
        #expect(shared.contains { $0.decision == .drop(.byteBudget) })
        #expect(pacer.framesPerSecond < 30)
        // The last ten seconds fit 250 kbps (31 250 B/s) plus the half second of credit.
        let written = shared.filter { $0.time >= Instant(nanoseconds: 15_000_000_000) }
            .filter { if case .render = $0.decision { true } else { false } }.count * 2000
        #expect(Double(written) <= 10 * 31_250 + 15_625)
        // Lifting the cap lets it climb back.
        pacer.setMaxKbps(nil)
        _ = Self.run(&pacer, from: 25, seconds: 60, sourceFPS: 30, bytes: { _ in 2000 })
        #expect(pacer.framesPerSecond == 30)
        pacer.setMaxKbps(-5)
        #expect(pacer.configuration.maxKbps == 1)
    }
}
