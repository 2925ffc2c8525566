/// What `streamz device --video` names (PROTOCOL.md §5): `testsrc`, a VP8 `.ivf`
/// file, a `.y4m` file, or `none`.
public enum VideoSourceChoice: Equatable, Sendable {
    case testPattern
    case ivf(path: String)
    case y4m(path: String)
    case none

    /// Parses the option's value; a file is recognised by its extension (any case).
    public init(argument: String) throws(MediaSourceError) {
        switch argument {
        case "testsrc": self = .testPattern
        case "none": self = .none
        case _ where argument.lowercased().hasSuffix(".ivf"): self = .ivf(path: argument)
        case _ where argument.lowercased().hasSuffix(".y4m"): self = .y4m(path: argument)
        default: throw .unsupported("video source \(argument.debugDescription): use testsrc, FILE.ivf, FILE.y4m or none")
        }
    }

    /// The source for this choice, nil for `none`. The pattern takes the preset's size and
    /// rate; files keep their own. `open` gives a file's bytes (the caller does the I/O).
    public func makeSource(width: Int, height: Int, framesPerSecond: Int,
                           open: (String) throws -> MediaBytes) throws(MediaSourceError) -> (any VideoSource)? {
        switch self {
        case .testPattern: return try TestPatternSource(width: width, height: height, framesPerSecond: framesPerSecond)
        case .ivf(let path): return try IVFVideoSource(openFile(path, open))
        case .y4m(let path): return try Y4MVideoSource(openFile(path, open))
        case .none: return nil
        }
    }
}

/// What `streamz device --audio` names: `tone`, an Ogg Opus file (`.ogg` or `.opus`), or `none`.
public enum AudioSourceChoice: Equatable, Sendable {
    case tone
    case oggOpus(path: String)
    case none

    public init(argument: String) throws(MediaSourceError) {
        switch argument {
        case "tone": self = .tone
        case "none": self = .none
        case _ where argument.lowercased().hasSuffix(".ogg") || argument.lowercased().hasSuffix(".opus"): self = .oggOpus(path: argument)
        default: throw .unsupported("audio source \(argument.debugDescription): use tone, FILE.ogg or none")
        }
    }

    /// The source for this choice, nil for `none`; the tone has `channels` channels.
    public func makeSource(channels: Int = 1, open: (String) throws -> MediaBytes) throws(MediaSourceError) -> (any AudioSource)? {
        switch self {
        case .tone: return try ToneSource(channels: channels)
        case .oggOpus(let path): return try OggOpusAudioSource(openFile(path, open))
        case .none: return nil
        }
    }
}

private func openFile(_ path: String, _ open: (String) throws -> MediaBytes) throws(MediaSourceError) -> MediaBytes {
    do {
        return try open(path)
    } catch {
        throw .readFailed("\(path): \(error)")
    }
}
