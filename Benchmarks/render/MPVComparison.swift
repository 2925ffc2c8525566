// Side by side with `mpv --vo=tct` (Debian's mpv, half blocks, truecolor) on
// the same clip at the same pane sizes: bytes a terminal receives per frame,
// CPU time per frame, and PSNR of the picture the cells show (rebuilt from
// each tool's bytes by `TerminalScreen`) against the source downscaled by
// ffmpeg (area filter) to the cells' pixel grid, a reference neither
// renderer made.
import Foundation
import StreamzRTC
import StreamzTUI

struct MPVComparison {
    struct Row {
        var renderer: String
        var frames: Int
        var meanBytes: Double
        var cpuPerFrame: Duration
        var meanPSNR: Double
    }

    /// The row for the monitor's own settings (VideoPane's default tolerance).
    static let defaultLabel = "streamz default (tolerance \(VideoPane.defaultTruecolorTolerance))"

    let clipName: String
    let lavfi: String
    let frames: Int
    let width = 640
    let height = 384
    let directory: URL

    /// Makes the clip (raw I420 in NUT, so both renderers get the very same
    /// pixels) and decodes its frames.
    func makeClip() throws -> (URL, [I420Frame]) {
        let clip = directory.appendingPathComponent("\(clipName).nut")
        try ExternalTool.run("ffmpeg", ["-loglevel", "error", "-y", "-f", "lavfi", "-i", "\(lavfi)=s=\(width)x\(height):r=30",
                                        "-frames:v", "\(frames)", "-c:v", "rawvideo", "-pix_fmt", "yuv420p", clip.path])
        let raw = directory.appendingPathComponent("\(clipName).yuv")
        try ExternalTool.run("ffmpeg", ["-loglevel", "error", "-y", "-i", clip.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw.path])
        let data = [UInt8](try Data(contentsOf: raw))
        let lumaSize = width * height, chromaSize = (width / 2) * (height / 2)
        let frameSize = lumaSize + 2 * chromaSize
        var decoded: [I420Frame] = []
        var offset = 0
        while offset + frameSize <= data.count {
            let y = Array(data[offset..<offset + lumaSize])
            let u = Array(data[offset + lumaSize..<offset + lumaSize + chromaSize])
            let v = Array(data[offset + lumaSize + chromaSize..<offset + frameSize])
            if let frame = I420Frame(width: width, height: height, y: y, u: u, v: v) { decoded.append(frame) }
            offset += frameSize
        }
        return (clip, decoded)
    }

    /// The source scaled by ffmpeg's area filter to the pane's half-block pixel grid.
    func reference(clip: URL, columns: Int, rows: Int) throws -> [PixelImage] {
        let out = directory.appendingPathComponent("\(clipName)-\(columns)x\(rows).rgb")
        try ExternalTool.run("ffmpeg", ["-loglevel", "error", "-y", "-i", clip.path, "-vf",
                                        "format=rgb24,scale=\(columns):\(rows * 2):flags=area", "-f", "rawvideo", out.path])
        let data = [UInt8](try Data(contentsOf: out))
        let size = columns * rows * 2 * 3
        return stride(from: 0, to: data.count - size + 1, by: size).compactMap { start in
            let pixels = (0..<(columns * rows * 2)).map { i in RGB(data[start + 3 * i], data[start + 3 * i + 1], data[start + 3 * i + 2]) }
            return PixelImage(width: columns, height: rows * 2, pixels: pixels)
        }
    }

    /// mpv's bytes for the clip, split into frames. mpv 0.35 starts every
    /// frame with `ESC[0;0f` and ends with `ESC[?25h` (cursor shown again);
    /// the set-up before the first frame counts towards it.
    func mpvFrames(clip: URL, columns: Int, rows: Int) throws -> ([[UInt8]], Duration) {
        let out = directory.appendingPathComponent("\(clipName)-mpv-\(columns)x\(rows).out")
        let arguments = ["--no-config", "--really-quiet", "--no-audio", "--untimed", "--framedrop=no", "--vo=tct",
                         "--vo-tct-algo=half-blocks", "--vo-tct-width=\(columns)", "--vo-tct-height=\(rows)", "--no-keepaspect"]
        // A one-frame run first: its CPU time is mpv's start-up and first
        // frame, so the difference is what the other frames cost.
        let startUp = try ExternalTool.run("mpv", arguments + ["--frames=1", clip.path], output: out)
        let all = try ExternalTool.run("mpv", arguments + [clip.path], output: out)
        let cpu = all > startUp ? all - startUp : .zero
        var bytes = [UInt8](try Data(contentsOf: out))
        if let end = Self.lastRange(of: Array("\u{1B}[?25h".utf8), in: bytes) { bytes = Array(bytes[..<end]) }
        let marker = Array("\u{1B}[0;0f".utf8)
        var starts = Self.ranges(of: marker, in: bytes)
        guard !starts.isEmpty else { return ([], cpu) }
        starts[0] = 0
        let chunks = zip(starts, starts.dropFirst() + [bytes.count]).map { Array(bytes[$0..<$1]) }
        return (chunks, cpu)
    }

    /// mpv sometimes draws a frame twice (a redraw at start-up): identical
    /// consecutive chunks are merged so the frames line up with the source's;
    /// the bytes of the repeat still count.
    static func mergingRepeats(_ chunks: [[UInt8]]) -> [[UInt8]] {
        var merged: [[UInt8]] = []
        for chunk in chunks {
            if let last = merged.last, last.count >= chunk.count, Array(last.suffix(chunk.count)) == chunk {
                merged[merged.count - 1] += chunk
            } else {
                merged.append(chunk)
            }
        }
        return merged
    }

    /// mpv 0.35 addresses rows and columns from 0 (`ESC[0;0f`, `ESC[1;0f`…)
    /// where ECMA-48 counts from 1 and reads 0 as 1, so on a real terminal
    /// its first row is overwritten by the second and the last row stays
    /// blank. This shifts its coordinates by one, giving mpv the picture it
    /// meant to draw.
    static func asIntended(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "["),
               let (row, column, end) = cursorPosition(bytes, at: i + 2) {
                out += Array("\u{1B}[\(row + 1);\(column + 1)f".utf8)
                i = end
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// `row;columnf` from `start`: the two numbers and the offset after the `f`.
    static func cursorPosition(_ bytes: [UInt8], at start: Int) -> (Int, Int, Int)? {
        var numbers = [0, 0], index = 0, i = start
        while i < bytes.count, i - start < 12 {
            let b = bytes[i]
            if b >= 0x30, b <= 0x39 {
                numbers[index] = numbers[index] * 10 + Int(b - 0x30)
            } else if b == UInt8(ascii: ";"), index == 0 {
                index = 1
            } else if b == UInt8(ascii: "f"), index == 1 {
                return (numbers[0], numbers[1], i + 1)
            } else {
                return nil
            }
            i += 1
        }
        return nil
    }

    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Array(haystack[i..<i + needle.count]) == needle {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }

    static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? { ranges(of: needle, in: haystack).last }

    /// Replays `chunks` frame by frame on a screen and scores each frame's picture.
    static func score(_ chunks: [[UInt8]], columns: Int, rows: Int, references: [PixelImage]) throws -> Double {
        var screen = TerminalScreen(columns: columns, rows: rows)
        let options = RenderOptions(blitter: .halfBlock, colorMode: .truecolor)
        var sum = 0.0
        for (chunk, reference) in zip(chunks, references) {
            try screen.apply(chunk)
            sum += min(99, screen.grid.picture(options: options).psnr(against: reference) ?? 0)
        }
        return sum / Double(max(1, min(chunks.count, references.count)))
    }

    /// Our renderer and pane writer on the decoded frames, timed by `now`.
    static func ours(_ frames: [I420Frame], columns: Int, rows: Int, mode: ColorMode, tolerance: Int, reuse: Int?, lead: Int,
                     now: () -> Instant) -> ([[UInt8]], Duration) {
        var renderer = FrameRenderer(options: RenderOptions(blitter: .halfBlock, colorMode: mode))
        var writer = PaneWriter(colorTolerance: tolerance, reuseTolerance: reuse, motionLead: lead)
        var chunks: [[UInt8]] = []
        var elapsed = Duration.zero
        for frame in frames {
            let start = now()
            let grid = renderer.render(frame, columns: columns, rows: rows)
            chunks.append(writer.write(grid, at: PaneOrigin(row: 0, column: 0), colorMode: mode))
            elapsed += now() - start
        }
        return (chunks, elapsed)
    }

    func run(sizes: [(Int, Int)], now: () -> Instant) throws -> [(columns: Int, rows: Int, results: [Row])] {
        let (clip, decoded) = try makeClip()
        var table: [(columns: Int, rows: Int, results: [Row])] = []
        for (columns, rows) in sizes {
            let references = try reference(clip: clip, columns: columns, rows: rows)
            var results: [Row] = []
            let (drawn, mpvCPU) = try mpvFrames(clip: clip, columns: columns, rows: rows)
            let mpvChunks = Self.mergingRepeats(drawn)
            let count = mpvChunks.count
            let mpvBytes = Double(mpvChunks.map(\.count).reduce(0, +)) / Double(max(1, count))
            let perFrame = mpvCPU / max(1, count - 1)
            results.append(Row(renderer: "mpv --vo=tct (on a terminal)", frames: count, meanBytes: mpvBytes, cpuPerFrame: perFrame,
                               meanPSNR: try Self.score(mpvChunks, columns: columns, rows: rows, references: references)))
            results.append(Row(renderer: "mpv --vo=tct (rows as meant)", frames: count, meanBytes: mpvBytes, cpuPerFrame: perFrame,
                               meanPSNR: try Self.score(mpvChunks.map(Self.asIntended), columns: columns, rows: rows,
                                                        references: references)))
            // The monitor's motion lead goes with any tolerance (it works within it).
            func ours(_ label: String, _ mode: ColorMode, _ tolerance: Int, reuse: Int? = nil,
                      lead: Int = VideoPane.defaultMotionLead) throws -> Row {
                let (chunks, cpu) = Self.ours(decoded, columns: columns, rows: rows, mode: mode, tolerance: tolerance,
                                              reuse: reuse, lead: lead, now: now)
                return Row(renderer: label, frames: chunks.count,
                           meanBytes: Double(chunks.map(\.count).reduce(0, +)) / Double(max(1, chunks.count)),
                           cpuPerFrame: cpu / max(1, chunks.count),
                           meanPSNR: try Self.score(chunks, columns: columns, rows: rows, references: references))
            }
            results.append(try ours("streamz truecolor, exact", .truecolor, 0))
            let standard = VideoPane.defaultTruecolorTolerance
            results.append(try ours(Self.defaultLabel, .truecolor, standard))
            results.append(try ours("streamz 256 colours", .palette256, 0))
            // The writer's colour tolerance trades PSNR for bytes: the largest
            // one that still scores at least mpv's PSNR is what "the same
            // quality for fewer bytes" costs.
            // Larger tolerances trade PSNR for bytes: the largest that still
            // scores at least mpv's PSNR is the fewest bytes at its quality.
            let target = results[1].meanPSNR
            var matched: Row?
            for tolerance in [19, 21, 24] {
                let row = try ours("streamz truecolor, tolerance \(tolerance)", .truecolor, tolerance)
                guard row.meanPSNR >= target else { break }
                matched = row
            }
            if let matched { results.append(matched) }
            table.append((columns, rows, results))
        }
        return table
    }
}
