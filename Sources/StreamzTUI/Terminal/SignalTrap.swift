import Foundation

/// The write end of the self-pipe the handler writes to. A C signal handler
/// cannot capture context, so it is a global; it is set before the handlers
/// are installed and cleared after they are removed.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// SIGINT and SIGTERM become a byte on a pipe (the self-pipe trick): the
/// handler only calls write(2), which is async-signal-safe, and the monitor's
/// loop polls the read end and restores the terminal itself. Installed
/// before ncurses starts, so ncurses keeps its own handlers off these signals.
final class SignalTrap {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Whether some trap's handlers are installed in this process now.
    static var isInstalled: Bool { signalPipeWriteFD != -1 }

    let readFD: Int32
    private let writeFD: Int32
    private var previous: [Int32: sighandler_t?] = [:]
    private var installed = false

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalError.system("pipe", errno) }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    func install() {
        guard !installed else { return }
        signalPipeWriteFD = writeFD
        for signalNumber in Self.signals {
            previous[signalNumber] = signal(signalNumber) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteFD, &byte, 1)
            }
        }
        installed = true
    }

    /// The signals that arrived since the last call (empty when none).
    func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 16)
        while true {
            let count = read(readFD, &buffer, buffer.count)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count].map { Int32($0) })
        }
        return received
    }

    func uninstall() {
        guard installed else { return }
        for (signalNumber, handler) in previous { signal(signalNumber, handler ?? SIG_DFL) }
        previous = [:]
        signalPipeWriteFD = -1
        installed = false
    }

    deinit {
        uninstall()
        close(readFD)
        close(writeFD)
    }
}
