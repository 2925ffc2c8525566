// Prints the media engine's figures (no pass/fail):
//  1. packets per second through SRTP unprotect + RTP parse + VP8 depacketize + frame
//     assembly (the receive path before decoding), on one core, for both SRTP profiles;
//  2. VP8 decode time per frame at 640x480 and 1280x720 (median and p95);
//  3. the sender's per-frame rescale of a Y4M picture to the preset size (`I420Frame.scaled`).
// Times are this process's CPU time, so other work on a shared machine does not count.
//
// Usage: media-benchmark [packets] [frames]   (defaults 60000 and 300; build with -c release)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC

func cpuNow() -> Instant {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Instant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
}

let arguments = CommandLine.arguments
let packetCount = arguments.count > 1 ? max(1000, Int(arguments[1]) ?? 60_000) : 60_000
let frameCount = arguments.count > 2 ? max(20, Int(arguments[2]) ?? 300) : 300

/// A blocky texture panning left under a moving bright square: every frame differs.
struct Pattern {
    let width: Int
    let height: Int
    let texture: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let columns = (width + 7) / 8
        let shades = (0..<(columns * ((height + 7) / 8))).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(60 + (state >> 33) % 140)
        }
        texture = (0..<(width * height)).map { shades[($0 / width / 8) * columns + ($0 % width) / 8] }
    }

    func frame(_ index: Int) -> I420Frame {
        let shift = (index * 3) % width
        var luma: [UInt8] = []
        luma.reserveCapacity(width * height)
        for row in 0..<height {
            luma += texture[(row * width + shift)..<((row + 1) * width)]
            luma += texture[(row * width)..<(row * width + shift)]
        }
        let side = height / 4
        let x = (index * 7) % (width - side)
        let y = (index * 3) % (height - side)
        for row in y..<(y + side) {
            luma.replaceSubrange((row * width + x)..<(row * width + x + side), with: repeatElement(UInt8(235), count: side))
        }
        var frame = I420Frame(width: width, height: height, luma: 0, cb: 120, cr: 136)
        frame.y = luma
        return frame
    }
}

func encodedFrames(width: Int, height: Int, kbps: Int, count: Int) throws -> [VP8EncodedFrame] {
    let pattern = Pattern(width: width, height: height)
    let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: width, height: height, framesPerSecond: 30,
                                                              targetBitrateKbps: kbps, cpuUsed: 8))
    var frames: [VP8EncodedFrame] = []
    for index in 0..<count { frames += try encoder.encode(pattern.frame(index)) }
    return frames
}

/// `value` with `digits` decimals, without Foundation.
func fixed(_ value: Double, _ digits: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let whole = Int(rounded)
    guard digits > 0 else { return String(whole) }
    let fraction = Int(((abs(rounded) - Double(abs(whole))) * scale).rounded())
    let digitsText = String(fraction)
    return "\(rounded < 0 && whole == 0 ? "-" : "")\(whole)." + String(repeating: "0", count: max(0, digits - digitsText.count)) + digitsText
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

// MARK: 1. Receive path

let stream = try encodedFrames(width: 640, height: 480, kbps: 800, count: 90)
var packetizer = try VP8Packetizer(maxPayloadSize: 1200)
var plain: [[UInt8]] = []
var sequence: UInt16 = 1000
var frameIndex = 0
var payloadBytes = 0
while plain.count < packetCount {
    let frame = stream[frameIndex % stream.count]
    let payloads = try packetizer.packetize(frame: frame.data)
    for (position, payload) in payloads.enumerated() {
        var extensions = RTPHeaderExtensions()
        extensions.set(MidExtension(mid: "0"), id: 1)
        let header = RTPHeader(marker: position == payloads.count - 1, payloadType: 96, sequenceNumber: sequence,
                               timestamp: UInt32(truncatingIfNeeded: frameIndex * 3000), ssrc: 0x1111_1111, extensions: extensions)
        plain.append(try RTPPacket(header: header, payload: payload).serialized())
        payloadBytes += payload.count
        sequence &+= 1
    }
    frameIndex += 1
}
// The stream restarts from its first keyframe every 90 frames, so a looped frame is decodable; only
// keyframes matter to assembly anyway.
print("media benchmark: \(plain.count) RTP packets of a 640x480 VP8 stream (\(payloadBytes / plain.count) payload bytes on average)")
for profile in SRTPProfile.allCases {
    let key = SRTPMasterKey(key: [UInt8](repeating: 7, count: profile.masterKeyLength),
                            salt: [UInt8](repeating: 9, count: profile.masterSaltLength))
    let protector = try SRTPSender(profile: profile, masterKey: key)
    let protected = try plain.map { try protector.protectRTP($0) }
    let receiver = try SRTPReceiver(profile: profile, masterKey: key)
    var buffer = VP8JitterBuffer(configuration: JitterBufferConfiguration(capacity: 4096))
    var frames = 0
    let start = cpuNow()
    for (index, datagram) in protected.enumerated() {
        let packet = try RTPPacket(parsing: try receiver.unprotectRTP(datagram))
        buffer.insert(packet, now: Instant(nanoseconds: Int64(index) * 100_000))
        while buffer.popFrame() != nil { frames += 1 }
    }
    let seconds = Double((cpuNow() - start).totalNanoseconds) / 1e9
    let rate = Double(protected.count) / seconds
    let microseconds = seconds * 1e6 / Double(protected.count)
    let megabits = rate * Double(payloadBytes / plain.count) * 8 / 1e6
    print("  receive path, \(profile): \(Int(rate)) packets/s (\(fixed(microseconds)) µs each, \(frames) frames assembled, "
          + "\(fixed(megabits, 0)) Mbit/s of payload)")
}

// MARK: 2. Decode

for (width, height, kbps) in [(640, 480, 800), (1280, 720, 2000)] {
    let frames = try encodedFrames(width: width, height: height, kbps: kbps, count: frameCount)
    let decoder = try VP8Decoder()
    var times: [Double] = []
    for frame in frames {
        let start = cpuNow()
        _ = try decoder.decode(frame.data)
        times.append((cpuNow() - start).milliseconds)
    }
    let sorted = times.sorted()
    let bytes = frames.reduce(0) { $0 + $1.data.count } / frames.count
    let median = fixed(percentile(sorted, 0.5))
    let p95 = fixed(percentile(sorted, 0.95))
    let worst = fixed(sorted.last ?? 0)
    print("  VP8 decode \(width)x\(height) at \(kbps) kbit/s (\(frames.count) frames, \(bytes) bytes average): "
          + "median \(median) ms, p95 \(p95) ms, max \(worst) ms (decode + copy to packed I420)")
}

// MARK: 3. Rescale

// A `.y4m` whose size is not the preset's is rescaled on the sending path before every encode,
// after its capture time is stamped, so this time is part of its capture-to-decoded latency.
for (from, to) in [((1280, 720), (640, 480)), ((1920, 1080), (1280, 720)), ((640, 480), (320, 240))] {
    let source = Pattern(width: from.0, height: from.1).frame(0)
    var times: [Double] = []
    for _ in 0..<max(20, frameCount / 10) {
        let start = cpuNow()
        let scaled = source.scaled(width: to.0, height: to.1)
        times.append((cpuNow() - start).milliseconds)
        precondition(scaled.width == to.0)
    }
    let sorted = times.sorted()
    print("  rescale \(from.0)x\(from.1) to \(to.0)x\(to.1): median \(fixed(percentile(sorted, 0.5))) ms, "
          + "p95 \(fixed(percentile(sorted, 0.95))) ms")
}
