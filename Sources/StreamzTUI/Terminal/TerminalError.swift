import Foundation

public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// A system call failed: its name and errno.
    case system(String, Int32)
    /// newterm refused the terminal (unknown TERM, not a terminal).
    case cannotStart(String)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .cannotStart(let reason): "cannot start the terminal: \(reason)"
        }
    }
}
