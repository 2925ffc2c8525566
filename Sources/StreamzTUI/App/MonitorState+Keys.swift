import Foundation
import StreamzProtocol

extension MonitorState {
    /// Names are 1 to 64 characters (PROTOCOL.md §2 Devices).
    static let nameLimit = 64

    mutating func reduceDeviceKey(_ key: Key) -> [MonitorCommand] {
        if prompt != nil { return reducePromptKey(key) }
        if showHelp {
            if key == .character("?") || key == .escape || key == .character("q") { showHelp = false }
            return []
        }
        if editingFilter {
            reduceFilterKey(key)
            return []
        }
        if let handled = reduceVideoKey(key) { return handled }
        switch key {
        case .up, .character("k"): select(index: selectedIndex - 1)
        case .down, .character("j"): select(index: selectedIndex + 1)
        case .home: select(index: 0)
        case .end: select(index: visibleDevices.count - 1)
        case .pageUp: select(index: selectedIndex - max(1, MonitorLayout(state: self).listRows))
        case .pageDown: select(index: selectedIndex + max(1, MonitorLayout(state: self).listRows))
        case .enter:
            if let device = selectedDevice { return startSession(type: .preferred(for: device.capabilities)) }
        case .character("v"): return startSession(type: .video)
        case .character("a"): return startSession(type: .audio)
        case .character("b"): return startSession(type: .both)
        case .character("1"): return changeQuality(.low)
        case .character("2"): return changeQuality(.medium)
        case .character("3"): return changeQuality(.high)
        case .character("4"): return changeQuality(.auto)
        case .character("s"): return stopSession()
        case .character("r"):
            if let device = selectedDevice { prompt = .rename(deviceId: device.id, text: device.name) }
        case .character("d"):
            if let device = selectedDevice { prompt = .confirmRemove(deviceId: device.id, name: device.name) }
        case .character("/"):
            editingFilter = true
        case .character("?"):
            showHelp = true
        case .character("q"):
            return quit()
        case .escape:
            if !filter.isEmpty { filter = "" }
        default:
            break
        }
        return []
    }

    mutating func reduceFilterKey(_ key: Key) {
        switch key {
        case .enter: editingFilter = false
        case .escape:
            editingFilter = false
            filter = ""
        case .backspace:
            if !filter.isEmpty { filter.removeLast() }
        case .up: select(index: selectedIndex - 1)
        case .down: select(index: selectedIndex + 1)
        case .character(let character):
            if !character.isControlOrNewline, filter.count < Self.nameLimit { filter.append(character) }
        default: break
        }
    }

    mutating func reducePromptKey(_ key: Key) -> [MonitorCommand] {
        guard let prompt else { return [] }
        switch prompt {
        case .rename(let deviceId, var text):
            switch key {
            case .escape: self.prompt = nil
            case .backspace:
                if !text.isEmpty { text.removeLast() }
                self.prompt = .rename(deviceId: deviceId, text: text)
            case .character(let character):
                if !character.isControlOrNewline, text.count < Self.nameLimit { text.append(character) }
                self.prompt = .rename(deviceId: deviceId, text: text)
            case .enter:
                let name = text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    showNotice("A device name cannot be empty.", isError: true)
                    return []
                }
                self.prompt = nil
                if name != device(deviceId)?.name { return [.renameDevice(deviceId: deviceId, name: name)] }
            default: break
            }
        case .confirmRemove(let deviceId, _):
            switch key {
            case .character("y"), .character("Y"):
                self.prompt = nil
                return [.removeDevice(deviceId: deviceId)]
            case .character("n"), .character("N"), .escape:
                self.prompt = nil
            default: break
            }
        }
        return []
    }

    // MARK: - Sessions

    mutating func startSession(type: SessionType) -> [MonitorCommand] {
        guard let device = selectedDevice else { return [] }
        var commands: [MonitorCommand] = []
        if let current = session, current.isActive {
            // One session at a time; a start the server has not named yet
            // cannot be ended, so a second start waits for it.
            guard let id = current.sessionId else {
                showNotice("Waiting for the server to answer the last start.", isError: false)
                return []
            }
            if !current.stopRequested { commands.append(.endSession(sessionId: id)) }
        }
        session = SessionPanel(deviceId: device.id, deviceName: device.name, type: type, quality: quality, at: now)
        commands.append(.startSession(deviceId: device.id, type: type, quality: quality))
        return commands
    }

    mutating func changeQuality(_ newQuality: Quality) -> [MonitorCommand] {
        quality = newQuality
        guard var panel = session, panel.isActive, !panel.stopRequested else { return [] }
        panel.quality = newQuality
        defer { session = panel }
        guard let id = panel.sessionId else {
            panel.pendingQuality = newQuality
            return []
        }
        return [.setQuality(sessionId: id, quality: newQuality)]
    }

    mutating func stopSession() -> [MonitorCommand] {
        guard var panel = session, panel.isActive, !panel.stopRequested else { return [] }
        panel.stopRequested = true
        session = panel
        if let id = panel.sessionId { return [.endSession(sessionId: id)] }
        return []
    }
}

extension SessionType {
    /// The default session for Enter: whatever the device can send
    /// (a device reporting neither gets `both`, and the server's
    /// `capability_missing` explains).
    public static func preferred(for capabilities: Capabilities) -> SessionType {
        switch (capabilities.camera, capabilities.microphone) {
        case (true, false): .video
        case (false, true): .audio
        default: .both
        }
    }
}
