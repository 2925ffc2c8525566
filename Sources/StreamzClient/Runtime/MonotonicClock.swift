#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC

/// The real clock the runtime feeds the sans-IO peer: CLOCK_MONOTONIC (never jumps with wall-clock
/// changes), as nanoseconds since an arbitrary start, which is all `Instant` needs.
enum MonotonicClock {
    static func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Instant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
