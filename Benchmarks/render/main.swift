// Prints the renderer's figures: bytes a terminal receives per frame, CPU
// time per frame (render + encode), and PSNR of the cells against the scaled
// source, at 80x24 and 160x48 cells on a synthetic moving picture (PSNR is
// capped at 99 dB per frame: 99 means the cells reproduce it exactly).
//
// Usage: render-benchmark [frames]   (default 60; build with -c release)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC
import StreamzTUI

/// Process CPU time, so other processes on a shared machine do not count.
func cpuNow() -> Instant {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Instant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
}

let arguments = CommandLine.arguments
let frames = arguments.count > 1 ? max(2, Int(arguments[1]) ?? 60) : 60
let bench = RenderBenchmark(sourceWidth: 640, sourceHeight: 360, speed: 4)
let sizes = [(80, 24), (160, 48)]
let configurations: [RenderOptions] = [
    RenderOptions(blitter: .halfBlock, colorMode: .truecolor),
    RenderOptions(blitter: .quadrant, colorMode: .truecolor),
    RenderOptions(blitter: .sextant, colorMode: .truecolor),
    RenderOptions(blitter: .halfBlock, colorMode: .palette256),
    RenderOptions(blitter: .halfBlock, colorMode: .palette256, dithering: true),
    RenderOptions(blitter: .halfBlock, colorMode: .ansi16),
    RenderOptions(blitter: .halfBlock, colorMode: .monochrome),
]
print("render benchmark: \(frames) frames of a 640x360 moving picture")
for (columns, rows) in sizes {
    for options in configurations {
        let result = bench.run(columns: columns, rows: rows, options: options, frames: frames, now: cpuNow)
        print(result.summary)
    }
}
// A camera's sensor noise changes nearly every cell a little in every frame:
// the same picture with luma noise, written exactly and with a tolerance.
print("with luma noise ±6:")
let noisy = RenderBenchmark(sourceWidth: 640, sourceHeight: 360, speed: 4, noise: 6)
for (columns, rows) in sizes {
    for tolerance in [0, 8] {
        let result = noisy.run(columns: columns, rows: rows, options: RenderOptions(), frames: frames,
                               colorTolerance: tolerance, now: cpuNow)
        print(result.summary)
    }
}
