import Foundation
import StreamzRTC
@testable import StreamzClient

/// Real media for interop: a moving luma ramp encoded with libvpx and packetized (RFC 7741), and a
/// 440 Hz tone encoded with libopus (RFC 7587), paced at 30 fps and 20 ms frames.
struct MediaSource {
    let options: DeviceOffer.Options
    let width: Int
    let height: Int

    func send(seconds: Int, through runtime: PeerRuntime) async throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: width, height: height, framesPerSecond: 30))
        var packetizer = try VP8Packetizer(maxPayloadSize: 1100)
        let opus = try OpusEncoder()
        var videoSequence: UInt16 = 0, audioSequence: UInt16 = 0
        var sample = 0
        let start = ContinuousClock.now
        for tick in 0..<(seconds * 50) {
            // Audio every 20 ms, video on 3 of every 5 ticks (30 fps).
            let pcm: [Int16] = (0..<OpusEncoder.frameSamples).map { index -> Int16 in
                let phase: Double = 2 * Double.pi * 440 * Double(sample + index) / Double(OpusEncoder.sampleRate)
                return Int16(8000 * sin(phase))
            }
            sample += OpusEncoder.frameSamples
            let audioPacket = RTPPacket(header: RTPHeader(marker: tick == 0, payloadType: 111, sequenceNumber: audioSequence,
                                                          timestamp: UInt32(truncatingIfNeeded: sample), ssrc: options.audioSSRC),
                                        payload: try opus.encode(pcm))
            audioSequence &+= 1
            var packets = [audioPacket]
            if tick % 5 < 3 {
                let frameIndex = tick / 5 * 3 + tick % 5
                let luma = (0..<(width * height)).map { UInt8(truncatingIfNeeded: ($0 % width) + frameIndex * 4) }
                let chroma = [UInt8](repeating: 128, count: ((width + 1) / 2) * ((height + 1) / 2))
                guard let frame = I420Frame(width: width, height: height, y: luma, u: chroma, v: chroma) else { continue }
                for encoded in try encoder.encode(frame) {
                    let payloads = try packetizer.packetize(frame: encoded.data)
                    for (index, payload) in payloads.enumerated() {
                        packets.append(RTPPacket(header: RTPHeader(marker: index == payloads.count - 1, payloadType: 96,
                                                                   sequenceNumber: videoSequence,
                                                                   timestamp: UInt32(truncatingIfNeeded: frameIndex * 3000),
                                                                   ssrc: options.videoSSRC), payload: payload))
                        videoSequence &+= 1
                    }
                }
            }
            try await runtime.sendRTP(packets)
            try await Task.sleep(until: start + .milliseconds(20 * (tick + 1)))
        }
    }
}
