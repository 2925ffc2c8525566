import Foundation
import StreamzProtocol

/// Everything the monitor shows, as a value. `reduce(_:)` is the only way it
/// changes; the views draw it; the loop owns one.
public struct MonitorState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case login
        case devices
    }

    /// A modal prompt over the device list; keys go to it first.
    public enum Prompt: Equatable, Sendable {
        /// Editing a device's name; `text` starts as the current name.
        case rename(deviceId: UUID, text: String)
        case confirmRemove(deviceId: UUID, name: String)
    }

    /// A one-line message under the list (server errors, refused actions).
    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        public var at: Date
    }

    public var screen: Screen
    public var form: LoginForm
    public var server: String
    public var user: User?
    public var connection: ConnectionStatus
    /// All known devices, in no particular order; `visibleDevices` sorts and filters.
    public var devices: [Device]
    public var filter: String
    /// True while `/` is capturing keys for the filter.
    public var editingFilter: Bool
    /// The selected device, kept by id so it survives re-sorting.
    public var selectedId: UUID?
    /// The row the selection was last on: where the selection lands when its
    /// device disappears (removed or filtered out).
    public var selectedIndex: Int
    /// First visible row of the list (the views and click mapping share it).
    public var scrollOffset: Int
    public var session: SessionPanel?
    /// Quality for the next session, and the live one (keys 1-4).
    public var quality: Quality
    public var showHelp: Bool
    public var prompt: Prompt?
    public var notice: Notice?
    public var rows: Int
    public var columns: Int
    public var now: Date
    /// The zone the clock is shown in (the loop passes the local one; tests fix it).
    public var timeZone: TimeZone
    public var quitRequested: Bool
    /// Full screen, the grid, meters and history (MonitorState+Video.swift).
    public var video: VideoState

    /// `rememberedUser` skips the login form (a remembered login).
    public init(server: String, rememberedUser: User? = nil, rows: Int = 24, columns: Int = 80,
                now: Date, timeZone: TimeZone = .current) {
        screen = rememberedUser == nil ? .login : .devices
        form = LoginForm(server: server, email: rememberedUser?.email ?? "")
        self.server = server
        user = rememberedUser
        connection = rememberedUser == nil ? .signedOut : .connecting
        devices = []
        filter = ""
        editingFilter = false
        selectedId = nil
        selectedIndex = 0
        scrollOffset = 0
        session = nil
        quality = .auto
        showHelp = false
        prompt = nil
        notice = nil
        self.rows = rows
        self.columns = columns
        self.now = now
        self.timeZone = timeZone
        quitRequested = false
        video = VideoState()
    }

    /// The list as shown: online first, then by name (case-insensitive, then
    /// exact, then id so the order is total and stable), filtered by `filter`.
    public var visibleDevices: [Device] {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        let matching = needle.isEmpty ? devices : devices.filter { device in
            device.name.lowercased().contains(needle) || device.kind.rawValue.contains(needle)
                || (device.platform?.lowercased().contains(needle) ?? false)
        }
        return matching.sorted(by: Self.listOrder)
    }

    static func listOrder(_ a: Device, _ b: Device) -> Bool {
        if a.online != b.online { return a.online }
        let byName = a.name.lowercased().compare(b.name.lowercased())
        if byName != .orderedSame { return byName == .orderedAscending }
        if a.name != b.name { return a.name < b.name }
        return a.id.uuidString < b.id.uuidString
    }

    public var selectedDevice: Device? {
        guard let selectedId else { return nil }
        return devices.first { $0.id == selectedId }
    }

    public func device(_ id: UUID) -> Device? { devices.first { $0.id == id } }
}
