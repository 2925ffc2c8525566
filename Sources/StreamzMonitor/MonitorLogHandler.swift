import Logging
import StreamzTUI

/// A swift-log handler that writes into the monitor's log file, so the
/// client, the signalling and (in `streamz demo`) the embedded server never
/// print over the screen ncurses owns.
public struct MonitorLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let monitorLog: MonitorLog

    public init(label: String, log: MonitorLog, level: Logger.Level = .info) {
        self.label = label
        monitorLog = log
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        let merged = metadata.merging(explicit ?? [:]) { _, new in new }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        monitorLog.write("\(level) \(label): \(message)\(details)")
    }
}
