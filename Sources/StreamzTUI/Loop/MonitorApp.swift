import Foundation
import StreamzProtocol

/// What `streamz monitor` calls: the log file, the controlling terminal and
/// the loop, put together. The client layer passes itself as the handler and
/// feeds the same sink; `rememberedUser` skips the login form.
public enum MonitorApp {
    public struct Options: Sendable {
        public var server: String
        public var rememberedUser: User?
        /// `--max-kbps`: caps the bytes the video pane writes (slow SSH links).
        public var maxKbps: Double?

        public init(server: String, rememberedUser: User? = nil, maxKbps: Double? = nil) {
            self.server = server
            self.rememberedUser = rememberedUser
            self.maxKbps = maxKbps
        }
    }

    /// Runs until the user quits, a signal arrives or the terminal hangs up;
    /// the terminal is restored before this returns. Throws only when the
    /// terminal cannot be started (no controlling tty, unknown TERM).
    @discardableResult
    public static func run(_ options: Options, handler: any MonitorCommandHandler, sink: MonitorEventSink,
                           environment: [String: String]) async throws -> MonitorState {
        let log = MonitorLog.defaultURL(environment: environment).flatMap { try? MonitorLog(url: $0) }
        let terminal: Terminal
        do {
            terminal = try Terminal.openControllingTerminal(environment: environment)
        } catch {
            log?.write("cannot start the terminal: \(error)")
            throw error
        }
        var configuration = MonitorLoop.Configuration()
        configuration.videoPacing.maxKbps = options.maxKbps.map { max(1, $0) }
        configuration.snapshotDirectory = FrameSnapshot.directory(environment: environment)
        let state = MonitorState(server: options.server, rememberedUser: options.rememberedUser, now: Date())
        let loop = MonitorLoop(terminal: terminal, state: state, handler: handler, sink: sink,
                               configuration: configuration, log: log)
        log?.write("monitor started on \(options.server), colours: \(terminal.colorMode)")
        return await loop.run()
    }
}
