import Foundation
import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Video: PNG snapshots")
struct VideoSnapshotTests {
    /// Decodes a PNG with Python's zlib (an independent inflater): checks
    /// the signature, every chunk's CRC and the zlib Adler-32, undoes the
    /// filters and prints "width height" and the RGB bytes in hex.
    static let decoder = #"""
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, ihdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]
    assert struct.unpack('>I', data[pos+8+n:pos+12+n])[0] == zlib.crc32(kind + body), kind
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
    pos += 12 + n
w, h, depth, ctype = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
assert depth == 8 and ctype == 2
raw = zlib.decompress(idat)
stride, out, prev = w * 3, bytearray(), bytearray(w * 3)
for y in range(h):
    f, line = raw[y*(stride+1)], bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
    for i in range(stride):
        a = line[i-3] if i >= 3 else 0; b = prev[i]; c = prev[i-3] if i >= 3 else 0
        p = [0, a, b, (a + b) // 2, None][f]
        if f == 4:
            q = a + b - c; pa, pb, pc = abs(q-a), abs(q-b), abs(q-c)
            p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        line[i] = (line[i] + p) & 255
    out += line; prev = line
print(w, h, out.hex())
"""#

    func decode(_ png: [UInt8]) throws -> (Int, Int, [UInt8]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("x.png")
        try Data(png).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.decoder, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let fields = String(decoding: output, as: UTF8.self).split(separator: " ")
        try #require(fields.count == 3)
        let hex = Array(fields[2].trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index + 1 < hex.count {
            bytes.append(UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16) ?? 0)
            index += 2
        }
        return (Int(fields[0]) ?? -1, Int(fields[1]) ?? -1, bytes)
    }

    func rgbBytes(_ image: PixelImage) -> [UInt8] { image.pixels.flatMap { [$0.r, $0.g, $0.b] } }

    @Test func checksumsMatchKnownValues() {
        // The CRC of an IEND chunk's type, in every PNG file; the "Wikipedia" Adler-32 example.
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([]) == 1)
        #expect(Adler32.checksum([UInt8](repeating: 255, count: 100_000)) == 0x149A_302C)
    }

    @Test func pngDecodesToTheSamePixels() throws {
        // Gradients, flat areas and noise exercise every filter, literals and matches.
        var seed: UInt32 = 7
        let image = RenderFixture.image(width: 37, height: 23) { x, y in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            if y < 8 { return RGB(UInt8(x * 6), UInt8(y * 10), 128) }
            if y < 16 { return x < 18 ? RenderFixture.red : RenderFixture.blue }
            return RGB(UInt8(truncatingIfNeeded: seed >> 24), UInt8(truncatingIfNeeded: seed >> 16), UInt8(x))
        }
        let png = PNGEncoder.encode(image)
        let (width, height, pixels) = try decode(png)
        #expect(width == 37 && height == 23)
        #expect(pixels == rgbBytes(image))
        // A flat picture compresses to far less than its raw size.
        let flat = PixelImage(width: 320, height: 240, fill: RGB(10, 20, 30))
        let flatPNG = PNGEncoder.encode(flat)
        #expect(flatPNG.count < 320 * 240 * 3 / 50)
        #expect(try decode(flatPNG).2 == rgbBytes(flat))
    }

    @Test func deflateRoundTripsLongMatchesAndTheWholeWindow() throws {
        // Rows longer than the 32 KiB window, repeats at the largest distances.
        var seed: UInt32 = 1
        let row = (0..<11_000).map { _ -> RGB in
            seed = seed &* 1_103_515_245 &+ 12345
            return RGB(UInt8(truncatingIfNeeded: seed >> 16), UInt8(truncatingIfNeeded: seed >> 8), 0)
        }
        let pixels = Array((0..<3).map { _ in row }.joined())
        let image = try #require(PixelImage(width: 11_000, height: 3, pixels: pixels))
        let (_, _, decoded) = try decode(PNGEncoder.encode(image))
        #expect(decoded == rgbBytes(image))
    }

    @Test func frameSnapshotIsTheDecodedFrameInRGB() throws {
        let frame = RenderFixture.frame(width: 6, height: 4, color: RenderFixture.red)
        let image = frame.rgbImage()
        #expect(image.width == 6 && image.height == 4)
        for pixel in image.pixels { #expect(abs(Int(pixel.r) - 255) <= 2 && pixel.g <= 2 && pixel.b <= 2) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try FrameSnapshot.save(frame, deviceName: "Kitchen phone/../x", at: MonitorFixture.t0,
                                           timeZone: MonitorFixture.utc, in: directory)
        #expect(first.lastPathComponent == "streamz-Kitchen-phone-x-20261118-110640.png")
        let second = try FrameSnapshot.save(frame, deviceName: "Kitchen phone/../x", at: MonitorFixture.t0,
                                            timeZone: MonitorFixture.utc, in: directory)
        #expect(second.lastPathComponent == "streamz-Kitchen-phone-x-20261118-110640-2.png")
        let (w, h, bytes) = try decode(Array(try Data(contentsOf: first)))
        #expect(w == 6 && h == 4 && bytes == rgbBytes(image))
        #expect(throws: FrameSnapshot.SaveError.self) {
            try FrameSnapshot.save(frame, deviceName: "x", at: MonitorFixture.t0, timeZone: MonitorFixture.utc,
                                   in: directory.appendingPathComponent("missing"))
        }
        #expect(FrameSnapshot.fileName(deviceName: "寝室カメラ", at: MonitorFixture.t0, timeZone: MonitorFixture.utc)
            == "streamz-寝室カメラ-20261118-110640.png")
        #expect(FrameSnapshot.fileName(deviceName: "../", at: MonitorFixture.t0, timeZone: MonitorFixture.utc)
            == "streamz-device-20261118-110640.png")
    }

    @Test func snapshotDirectoryPrefersXDGPictures() throws {
        let pictures = FileManager.default.temporaryDirectory.path
        #expect(FrameSnapshot.directory(environment: ["XDG_PICTURES_DIR": pictures]).path == URL(fileURLWithPath: pictures).path)
        let cwd = FileManager.default.currentDirectoryPath
        #expect(FrameSnapshot.directory(environment: ["XDG_PICTURES_DIR": "/no/such/dir"]).path == URL(fileURLWithPath: cwd).path)
        #expect(FrameSnapshot.directory(environment: [:]).path == URL(fileURLWithPath: cwd).path)
    }
}
