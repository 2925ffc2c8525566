import Foundation
import Testing
@testable import StreamzTUI

@Suite("Video views: audio meters")
struct VideoMeterTests {
    let t0 = MonitorFixture.t0

    @Test func zonesSwitchExactlyAtTheThresholds() {
        #expect(AudioMeter.zone(of: -18.01) == .green)
        #expect(AudioMeter.zone(of: -18) == .yellow)
        #expect(AudioMeter.zone(of: -6.01) == .yellow)
        #expect(AudioMeter.zone(of: -6) == .red)
        #expect(AudioMeter.zone(of: 0) == .red)
        #expect(AudioMeterView.style(of: .green) == .online)
        #expect(AudioMeterView.style(of: .yellow) == .warning)
        #expect(AudioMeterView.style(of: .red) == .error)
    }

    @Test func barCellsAreColouredByTheLevelTheyStandFor() {
        // 60 cells: one per dB, cell i stands for −60 + i dBFS.
        var grid = ScreenGrid(rows: 1, columns: 60)
        AudioMeterView.drawBar(0, held: 0, row: 0, column: 0, width: 60, into: &grid)
        #expect(grid.lines[0] == String(repeating: "█", count: 60))
        #expect(grid[0, 41].style == .online)   // −19 dBFS
        #expect(grid[0, 42].style == .warning)  // −18
        #expect(grid[0, 53].style == .warning)  // −7
        #expect(grid[0, 54].style == .error)    // −6
        #expect(grid[0, 59].style == .error)
    }

    @Test func barFillsToTheRMSAndMarksTheHeldPeak() {
        var grid = ScreenGrid(rows: 1, columns: 12)
        AudioMeterView.drawBar(-30, held: -12, row: 0, column: 0, width: 12, into: &grid)
        // 5 dB a cell: −30 fills 6 cells, the peak −12 sits in cell 9.
        #expect(grid.lines[0] == "██████···│··")
        #expect(grid[0, 9].style == .warning)
        #expect(grid[0, 7].style == .dim)
        var silent = ScreenGrid(rows: 1, columns: 6)
        AudioMeterView.drawBar(-90, held: -90, row: 0, column: 0, width: 6, into: &silent)
        #expect(silent.lines[0] == "······")
    }

    @Test func peakHoldsThenDecays() {
        var meter = AudioMeter(rmsDb: -20, peakDb: -3, at: t0)
        #expect(meter.heldPeak(at: t0.addingTimeInterval(1.5)) == -3)
        // 20 dB/s after the 1.5 s hold.
        #expect(abs(meter.heldPeak(at: t0.addingTimeInterval(2.0)) - -13) < 1e-9)
        #expect(meter.heldPeak(at: t0.addingTimeInterval(60)) == AudioMeter.floorDb)
        // A quieter peak during the hold does not replace it; a louder one does.
        meter.update(rmsDb: -25, peakDb: -10, at: t0.addingTimeInterval(1))
        #expect(meter.holdDb == -3)
        meter.update(rmsDb: -25, peakDb: -10, at: t0.addingTimeInterval(2.5))
        #expect(meter.holdDb == -10)  // the hold had decayed to −23
        #expect(meter.rmsDb == -25)
    }

    @Test func clipMarkerAtHalfADecibelBelowFullScale() {
        var meter = AudioMeter(rmsDb: -12, peakDb: -0.6, at: t0)
        #expect(!meter.clipping(at: t0))
        meter.update(rmsDb: -12, peakDb: -0.5, at: t0.addingTimeInterval(1))
        #expect(meter.clipping(at: t0.addingTimeInterval(4)))
        #expect(!meter.clipping(at: t0.addingTimeInterval(4.01)))
        var grid = ScreenGrid(rows: 1, columns: 40)
        AudioMeterView.draw(meter, row: 0, column: 0, width: 40, into: &grid)
        #expect(grid.lines[0] == "♪ ██████████████···│ -12.0 pk  -0.5 CLIP")
        #expect(grid[0, 36].style == .error)
        #expect(grid[0, 22].style == .warning)  // the RMS figure, −12
    }

    @Test func garbageLevelsAreClamped() {
        let meter = AudioMeter(rmsDb: .nan, peakDb: 12, at: t0)
        #expect(meter.rmsDb == AudioMeter.floorDb)
        #expect(meter.peakDb == 0)
        let silent = AudioMeter(rmsDb: -.infinity, peakDb: -.infinity, at: t0)
        #expect(silent.peakDb == AudioMeter.floorDb)
    }

    @Test func narrowMetersDropTheFiguresAndSayWhenNothingCame() {
        var grid = ScreenGrid(rows: 2, columns: 12)
        AudioMeterView.draw(AudioMeter(rmsDb: -30, peakDb: -30, at: t0), row: 0, column: 0, width: 12, into: &grid)
        #expect(grid.lines[0] == "♪ █████│····")
        var clipped = ScreenGrid(rows: 1, columns: 12)
        AudioMeterView.draw(AudioMeter(rmsDb: -30, peakDb: 0, at: t0), row: 0, column: 0, width: 12, into: &clipped)
        #expect(clipped.lines[0] == "♪ █████···│!")
        #expect(clipped[0, 11].style == .error)
        AudioMeterView.draw(nil, row: 1, column: 0, width: 12, into: &grid)
        #expect(grid.lines[1] == "♪ no level  ")
        var narrow = ScreenGrid(rows: 1, columns: 8)
        AudioMeterView.draw(nil, row: 0, column: 0, width: 8, into: &narrow)
        #expect(narrow.lines[0] == "♪ ······")
    }

    @Test func aMeterWithoutNewLevelsGoesQuiet() {
        var state = MonitorFixture.signedIn(rows: 14, columns: 80)
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(MonitorFixture.session(50, device: MonitorFixture.attic, state: .connected))))
        state.applyAudioLevel(sessionId: MonitorFixture.uuid(50), rmsDb: -20, peakDb: -8, at: t0)
        let row = MonitorLayout(state: state).panelTop + 4
        _ = state.reduce(.tick(t0.addingTimeInterval(3)))
        #expect(MonitorView.render(state).lines[row].contains("-20.0 pk  -8.0"))
        _ = state.reduce(.tick(t0.addingTimeInterval(3.5)))
        #expect(MonitorView.render(state).lines[row].contains("♪ no level"))
    }

    @Test func levelsReachOnlySessionsOnShowAndTheSinkKeepsTheNewest() throws {
        var state = MonitorFixture.signedIn()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(MonitorFixture.session(50, device: MonitorFixture.attic, state: .connected))))
        state.applyAudioLevel(sessionId: MonitorFixture.uuid(50), rmsDb: -20, peakDb: -8, at: t0)
        state.applyAudioLevel(sessionId: MonitorFixture.uuid(77), rmsDb: -20, peakDb: -8, at: t0)
        #expect(state.video.meters.keys.sorted { $0.uuidString < $1.uuidString } == [MonitorFixture.uuid(50)])
        #expect(state.video.meters[MonitorFixture.uuid(50)]?.peakDb == -8)

        let sink = try MonitorEventSink()
        sink.sendAudioLevel(rmsDb: -40, peakDb: -30, sessionId: MonitorFixture.uuid(50))
        sink.sendAudioLevel(rmsDb: -10, peakDb: -2, sessionId: MonitorFixture.uuid(50))
        sink.sendAudioLevel(rmsDb: -50, peakDb: -45, sessionId: MonitorFixture.uuid(51))
        let levels = sink.takeAudioLevels()
        #expect(levels.count == 2)
        #expect(levels[MonitorFixture.uuid(50)]?.rmsDb == -10)
        #expect(sink.takeAudioLevels().isEmpty)
    }
}
