import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

@Suite("Monitor reducer: list, selection, keys")
struct MonitorReducerTests {
    typealias F = MonitorFixture

    @Test func listIsOnlineFirstThenByNameIgnoringCase() {
        let state = F.signedIn([F.garage, F.kitchen, F.bedroom, F.attic, F.device(5, "apple", online: false)])
        #expect(state.visibleDevices.map(\.name) == ["Attic", "Kitchen phone", "apple", "garage cam", "寝室カメラ"])
    }

    @Test func filterNarrowsByNameKindOrPlatformAndEscClears() {
        var state = F.signedIn()
        _ = state.reduce(.key(.character("/")))
        #expect(state.editingFilter)
        for character in "GAR" { _ = state.reduce(.key(.character(character))) }
        #expect(state.visibleDevices.map(\.name) == ["garage cam"])
        #expect(state.selectedId == F.garage.id)
        _ = state.reduce(.key(.backspace))
        _ = state.reduce(.key(.backspace))
        _ = state.reduce(.key(.backspace))
        for character in "agent" { _ = state.reduce(.key(.character(character))) }
        #expect(state.visibleDevices.map(\.name) == ["Attic", "garage cam"])
        _ = state.reduce(.key(.enter))
        #expect(!state.editingFilter && state.filter == "agent")
        // With the filter kept, letters are commands again.
        #expect(state.reduce(.key(.character("q"))) == [.quit])
        var other = F.signedIn()
        _ = other.reduce(.key(.character("/")))
        _ = other.reduce(.key(.character("x")))
        _ = other.reduce(.key(.escape))
        #expect(other.filter.isEmpty && !other.editingFilter && other.visibleDevices.count == 4)
    }

    @Test func movingClampsAtBothEnds() {
        var state = F.signedIn()
        #expect(state.selectedDevice?.name == "Attic")
        _ = state.reduce(.key(.up))
        #expect(state.selectedIndex == 0)
        _ = state.reduce(.key(.character("j")))
        _ = state.reduce(.key(.down))
        #expect(state.selectedDevice?.name == "garage cam")
        _ = state.reduce(.key(.character("k")))
        #expect(state.selectedDevice?.name == "Kitchen phone")
        for _ in 0..<10 { _ = state.reduce(.key(.down)) }
        #expect(state.selectedDevice?.name == "寝室カメラ" && state.selectedIndex == 3)
    }

    @Test func selectionFollowsTheDeviceWhenItGoesOffline() {
        var state = F.signedIn()
        _ = state.reduce(.key(.down))  // Kitchen phone, row 1
        #expect(state.selectedDevice?.name == "Kitchen phone")
        _ = state.reduce(.client(.deviceStatus(deviceId: F.kitchen.id, online: false, lastSeenAt: F.t0)))
        #expect(state.selectedId == F.kitchen.id)
        #expect(state.visibleDevices.map(\.name) == ["Attic", "garage cam", "Kitchen phone", "寝室カメラ"])
        #expect(state.selectedIndex == 2)
        #expect(state.device(F.kitchen.id)?.lastSeenAt == F.t0)
    }

    @Test func selectionStaysOnTheRowWhenItsDeviceIsRemoved() {
        var state = F.signedIn()
        _ = state.reduce(.key(.down))
        _ = state.reduce(.client(.deviceRemoved(F.kitchen.id)))
        #expect(state.selectedIndex == 1)
        #expect(state.selectedDevice?.name == "garage cam")
        _ = state.reduce(.key(.end))
        _ = state.reduce(.client(.deviceRemoved(F.bedroom.id)))
        #expect(state.selectedDevice?.name == "garage cam")
        _ = state.reduce(.client(.devices([])))
        #expect(state.selectedId == nil && state.selectedDevice == nil)
        #expect(state.reduce(.key(.enter)) == [])
    }

    @Test func updatesAndNewDevicesArriveWithoutAKeypress() {
        var state = F.signedIn()
        var renamed = F.garage
        renamed.name = "Aardvark"
        _ = state.reduce(.client(.deviceUpdated(renamed)))
        #expect(state.visibleDevices.map(\.name).suffix(2) == ["Aardvark", "寝室カメラ"])
        _ = state.reduce(.client(.deviceUpdated(F.device(7, "Balcony", online: true))))
        #expect(state.visibleDevices.map(\.name) == ["Attic", "Balcony", "Kitchen phone", "Aardvark", "寝室カメラ"])
        // A status for a device the monitor does not know changes nothing.
        let before = state
        _ = state.reduce(.client(.deviceStatus(deviceId: F.uuid(99), online: true, lastSeenAt: nil)))
        #expect(state == before)
    }

    @Test func clickSelectsTheRowUnderIt() {
        var state = F.signedIn()
        let layout = MonitorLayout(state: state)
        _ = state.reduce(.click(row: layout.listTop + 2, column: 10))
        #expect(state.selectedDevice?.name == "garage cam")
        _ = state.reduce(.click(row: layout.listTop + 9, column: 10))  // below the last device
        _ = state.reduce(.click(row: 0, column: 3))  // the title
        #expect(state.selectedDevice?.name == "garage cam")
    }

    @Test func scrollingKeepsTheSelectionVisibleAndClicksFollowIt() {
        let many = (0..<30).map { F.device(100 + $0, String(format: "dev %02d", $0), online: true) }
        var state = F.signedIn(many, rows: 12, columns: 40)
        let rows = MonitorLayout(state: state).listRows
        for _ in 0..<20 { _ = state.reduce(.key(.down)) }
        #expect(state.selectedIndex == 20)
        #expect(state.scrollOffset == 20 - rows + 1)
        _ = state.reduce(.click(row: MonitorLayout(state: state).listTop, column: 5))
        #expect(state.selectedDevice?.name == String(format: "dev %02d", state.scrollOffset))
        _ = state.reduce(.key(.pageDown))
        _ = state.reduce(.key(.home))
        #expect(state.selectedIndex == 0 && state.scrollOffset == 0)
    }

    @Test func renamePromptEditsAndSendsTheTrimmedName() {
        var state = F.signedIn()
        _ = state.reduce(.key(.character("r")))
        #expect(state.prompt == .rename(deviceId: F.attic.id, text: "Attic"))
        // Keys go to the prompt, not to the list.
        #expect(state.reduce(.key(.character("q"))) == [])
        for _ in 0..<6 { _ = state.reduce(.key(.backspace)) }
        for character in " Loft  " { _ = state.reduce(.key(.character(character))) }
        #expect(state.reduce(.key(.enter)) == [.renameDevice(deviceId: F.attic.id, name: "Loft")])
        #expect(state.prompt == nil)
        // Empty names are refused in place; an unchanged name sends nothing.
        _ = state.reduce(.key(.character("r")))
        for _ in 0..<5 { _ = state.reduce(.key(.backspace)) }
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.prompt != nil && state.notice?.isError == true)
        _ = state.reduce(.key(.escape))
        _ = state.reduce(.key(.character("r")))
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.prompt == nil)
    }

    @Test func removeAsksFirst() {
        var state = F.signedIn()
        _ = state.reduce(.key(.character("d")))
        #expect(state.prompt == .confirmRemove(deviceId: F.attic.id, name: "Attic"))
        #expect(state.reduce(.key(.character("x"))) == [])
        #expect(state.reduce(.key(.character("n"))) == [])
        #expect(state.prompt == nil)
        _ = state.reduce(.key(.character("d")))
        #expect(state.reduce(.key(.character("y"))) == [.removeDevice(deviceId: F.attic.id)])
        // The prompt closes by itself when the device goes away meanwhile.
        _ = state.reduce(.key(.character("d")))
        _ = state.reduce(.client(.deviceRemoved(F.attic.id)))
        #expect(state.prompt == nil)
    }

    @Test func helpOverlayOpensClosesAndSwallowsKeys() {
        var state = F.signedIn()
        _ = state.reduce(.key(.character("?")))
        #expect(state.showHelp)
        #expect(state.reduce(.key(.character("v"))) == [])
        #expect(state.reduce(.key(.down)) == [])
        #expect(state.selectedIndex == 0)
        _ = state.reduce(.key(.escape))
        #expect(!state.showHelp)
        _ = state.reduce(.key(.character("?")))
        _ = state.reduce(.key(.character("?")))
        #expect(!state.showHelp)
    }

    @Test func quitEndsTheLiveSessionFirst() {
        var state = F.signedIn()
        #expect(state.reduce(.key(.character("q"))) == [.quit])
        #expect(state.quitRequested)
        var live = F.signedIn()
        _ = live.reduce(.key(.enter))
        _ = live.reduce(.client(.sessionStarted(F.session(50, device: F.attic, state: .connecting))))
        #expect(live.reduce(.interrupted) == [.endSession(sessionId: F.uuid(50)), .quit])
    }

    @Test func everyHelpKeyDoesSomething() {
        // Each binding of the help overlay, pressed on a fresh list, changes
        // the state or asks the client for something.
        let presses: [String: [MonitorEvent]] = [
            "↑ ↓  j k": [.key(.down), .key(.up), .key(.character("j")), .key(.character("k"))],
            "PgUp PgDn": [.key(.pageDown), .key(.pageUp)], "Home End": [.key(.end), .key(.home)],
            "Enter": [.key(.enter)], "v": [.key(.character("v"))], "a": [.key(.character("a"))],
            "b": [.key(.character("b"))],
            "1 2 3 4": [.key(.character("1")), .key(.character("2")), .key(.character("3")), .key(.character("4"))],
            "s": [.key(.character("s"))], "r": [.key(.character("r"))],
            "d": [.key(.character("d"))], "/": [.key(.character("/"))], "?": [.key(.character("?"))],
            "q": [.key(.character("q"))], "click": [.click(row: 3, column: 4)],
            "f g p": [.key(.character("f")), .key(.character("g")), .key(.character("p"))],
        ]
        #expect(Set(presses.keys) == Set(KeyBindings.deviceList.map(\.keys)))
        for binding in KeyBindings.deviceList {
            for event in presses[binding.keys] ?? [] {
                var state = F.signedIn()
                if binding.keys == "s" { _ = state.reduce(.key(.enter)) }
                if event == .key(.up) || event == .key(.character("k")) || event == .key(.pageUp) || event == .key(.home) {
                    _ = state.reduce(.key(.end))
                }
                if binding.keys == "1 2 3 4", event == .key(.character("4")) { _ = state.reduce(.key(.character("1"))) }
                let before = state
                let commands = state.reduce(event)
                #expect(state != before || !commands.isEmpty, "\(binding.keys): \(event)")
            }
        }
    }
}
