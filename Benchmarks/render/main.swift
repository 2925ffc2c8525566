// Prints the renderer's figures: bytes a terminal receives per frame, CPU
// time per frame (render + encode), and PSNR of the cells against the scaled
// source, at 80x24 and 160x48 cells on a synthetic moving picture (PSNR is
// capped at 99 dB per frame: 99 means the cells reproduce it exactly).
//
// Then the same clips through mpv --vo=tct and through ours, side by side
// (MPVComparison.swift; needs mpv and ffmpeg, which make bench installs).
//
// Usage: render-benchmark [frames]   (default 60; build with -c release)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
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
    for (tolerance, lead) in [(0, 0), (VideoPane.defaultTruecolorTolerance, 0),
                              (VideoPane.defaultTruecolorTolerance, VideoPane.defaultMotionLead)] {
        let result = noisy.run(columns: columns, rows: rows, options: RenderOptions(), frames: frames,
                               colorTolerance: tolerance, motionLead: lead, now: cpuNow)
        print(result.summary + (lead > 0 ? " (motion lead \(lead))" : ""))
    }
}

// `p` in the monitor encodes a whole decoded frame on the loop's thread: how
// long that holds the video up.
let still = RenderBenchmark(sourceWidth: 1280, sourceHeight: 720, speed: 0, noise: 6).frame(0)
let encodeStart = cpuNow()
let png = PNGEncoder.encode(still.rgbImage())
let encodeTime = Double((cpuNow() - encodeStart).totalNanoseconds) / 1e6
print("PNG snapshot of a 1280x720 frame (luma noise ±6): \(png.count) bytes in \(Int(encodeTime.rounded())) ms")

// The same clips through mpv's terminal output and ours (MPVComparison.swift).
let comparisonFrames = 150
print("\nside by side with mpv --vo=tct (half blocks, truecolor): \(comparisonFrames) frames of 640x384 at 30 fps;")
print("PSNR of the cells' picture against ffmpeg's area downscale of the source (capped at 99 dB a frame)")
let work = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-render-bench-\(getpid())")
do {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    var goalMet = true
    var summary: [String] = []
    for (name, lavfi) in [("testsrc2", "testsrc2"), ("mandelbrot", "mandelbrot")] {
        let comparison = MPVComparison(clipName: name, lavfi: lavfi, frames: comparisonFrames, directory: work)
        for (columns, rows, results) in try comparison.run(sizes: sizes, now: cpuNow) {
            print("\n\(name) at \(columns)x\(rows):")
            print(pad("renderer", 32) + pad("frames", 8) + pad("B/frame", 10) + pad("x mpv", 8) + pad("CPU ms/frame", 14) + "PSNR dB")
            let mpvBytes = results.first?.meanBytes ?? 1
            for row in results {
                print(pad(row.renderer, 32) + pad("\(row.frames)", 8) + pad("\(Int(row.meanBytes.rounded()))", 10)
                      + pad(fixed(row.meanBytes / mpvBytes, 3), 8)
                      + pad(fixed(Double(row.cpuPerFrame.totalNanoseconds) / 1e6, 2), 14) + fixed(row.meanPSNR, 2))
            }
            // The fewest bytes among our rows that score at least mpv's PSNR (rows as meant).
            if let mpv = results.first(where: { $0.renderer.hasSuffix("(rows as meant)") }),
               let standard = results.first(where: { $0.renderer == MPVComparison.defaultLabel }) {
                let met = standard.meanBytes <= 0.15 * mpv.meanBytes && standard.meanPSNR >= mpv.meanPSNR
                summary.append(pad("\(name) \(columns)x\(rows)", 20) + pad("\(Int(mpv.meanBytes.rounded()))", 10)
                               + pad(ms(mpv.cpuPerFrame), 8) + pad(fixed(mpv.meanPSNR, 2), 8)
                               + pad("\(Int(standard.meanBytes.rounded()))", 10) + pad(fixed(standard.meanBytes / mpv.meanBytes, 3), 8)
                               + pad(ms(standard.cpuPerFrame), 8) + pad(fixed(standard.meanPSNR, 2), 8) + (met ? "met" : "NOT met"))
            }
            if let mpv = results.first(where: { $0.renderer.hasSuffix("(rows as meant)") }),
               let ours = results.filter({ $0.renderer.hasPrefix("streamz") && $0.meanPSNR >= mpv.meanPSNR })
                   .min(by: { $0.meanBytes < $1.meanBytes }) {
                let met = ours.meanBytes <= 0.15 * mpv.meanBytes
                goalMet = goalMet && met
                print("goal (at most 0.15 of mpv's bytes at equal or better PSNR): \(met ? "met" : "NOT met")"
                      + " — \(ours.renderer): \(fixed(ours.meanBytes / mpv.meanBytes, 3)) of the bytes, "
                      + "\(fixed(ours.meanPSNR - mpv.meanPSNR, 2)) dB better")
            } else {
                goalMet = false
                print("goal: NOT met — no configuration of ours reaches mpv's PSNR")
            }
        }
    }
    print("\nsummary: mpv --vo=tct (rows as meant) against \(MPVComparison.defaultLabel), the monitor's settings;")
    print("goal: at most 0.15 of mpv's bytes at equal or better PSNR")
    print(pad("clip, pane", 20) + pad("mpv B/f", 10) + pad("CPU ms", 8) + pad("PSNR", 8)
          + pad("ours B/f", 10) + pad("x mpv", 8) + pad("CPU ms", 8) + pad("PSNR", 8) + "goal")
    summary.forEach { print($0) }
    print(goalMet ? "\nthe goal is met on every clip and size" : "\nthe goal is NOT met everywhere (see above)")
} catch {
    print("mpv comparison failed: \(error)")
    exit(1)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

func ms(_ duration: Duration) -> String { fixed(Double(duration.totalNanoseconds) / 1e6, 2) }

func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "inf" }
    return String(format: "%.\(digits)f", value)
}
