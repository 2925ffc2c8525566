import Foundation
import StreamzProtocol

/// The words and numbers the views show, as pure functions of their inputs.
public enum Format {
    /// "12 s ago", "3 min ago", "5 h ago", "2 d ago"; "just now" for a time
    /// ahead of `now` (clock skew between server and monitor).
    public static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded(.down))
        if seconds < 0 { return "just now" }
        if seconds < 60 { return "\(seconds) s ago" }
        if seconds < 3600 { return "\(seconds / 60) min ago" }
        if seconds < 86_400 { return "\(seconds / 3600) h ago" }
        return "\(seconds / 86_400) d ago"
    }

    /// The device list's presence column.
    public static func presence(_ device: Device, now: Date, compact: Bool) -> String {
        if device.online { return "online" }
        guard let lastSeen = device.lastSeenAt else { return "never seen" }
        return compact ? ago(lastSeen, now: now) : "last seen " + ago(lastSeen, now: now)
    }

    /// "14:02:03" in `timeZone`.
    public static func clock(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    public static func connection(_ status: ConnectionStatus, now: Date) -> (String, TextStyle) {
        switch status {
        case .connecting: ("connecting…", .warning)
        case .online: ("online", .online)
        case .reconnecting(let at):
            ("reconnecting in \(max(0, Int(at.timeIntervalSince(now).rounded(.up)))) s", .warning)
        case .signedOut: ("signed out", .dim)
        }
    }

    public static func sessionType(_ type: SessionType) -> String {
        switch type {
        case .video: "video"
        case .audio: "audio"
        case .both: "video+audio"
        }
    }
}
