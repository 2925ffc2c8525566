/// What `streamz device --video` streams (PROTOCOL.md §5).
public enum VideoSourceChoice: Equatable, Sendable {
    /// A moving pattern at the quality preset's size and rate, with a clock and the capture-time code.
    case testPattern
    /// A VP8 IVF file, sent as it is (no re-encoding), looping.
    case ivf(path: String)
    /// A raw Y4M file, encoded with libvpx at the preset's targets, looping.
    case y4m(path: String)
    case none

    /// Reads `testsrc`, `none`, or a path ending in `.ivf` or `.y4m` (any case).
    public init(argument: String) throws(MediaSourceChoiceError) {
        switch argument.lowercased() {
        case "testsrc": self = .testPattern
        case "none": self = .none
        case let lower where lower.hasSuffix(".ivf"): self = .ivf(path: argument)
        case let lower where lower.hasSuffix(".y4m"): self = .y4m(path: argument)
        default: throw MediaSourceChoiceError(argument: argument, expected: "testsrc, FILE.ivf, FILE.y4m or none")
        }
    }
}

/// What `streamz device --audio` streams (PROTOCOL.md §5).
public enum AudioSourceChoice: Equatable, Sendable {
    /// A 440 Hz sine at 0.25 of full scale (-15.1 dBFS RMS).
    case tone
    /// An Ogg Opus file, its packets sent as they are, looping.
    case ogg(path: String)
    case none

    /// Reads `tone`, `none`, or a path ending in `.ogg` or `.opus` (any case).
    public init(argument: String) throws(MediaSourceChoiceError) {
        switch argument.lowercased() {
        case "tone": self = .tone
        case "none": self = .none
        case let lower where lower.hasSuffix(".ogg") || lower.hasSuffix(".opus"): self = .ogg(path: argument)
        default: throw MediaSourceChoiceError(argument: argument, expected: "tone, FILE.ogg or none")
        }
    }
}

/// A `--video`/`--audio` value that names no source, or a source that cannot be opened.
public struct MediaSourceChoiceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var argument: String
    public var expected: String
    public var description: String { "Cannot stream \"\(argument)\": expected \(expected)." }
}
