#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import StreamzRTC

/// A device `MediaSession` (sender) and a viewer `MediaSession` (receiver) over two
/// `RTCPeer`s on `PeerSimulatedNetwork`, driven in 5 ms steps of virtual time: the device
/// captures a synthetic moving picture at its target rate and a 440 Hz sine at 0.25 of full
/// scale every 20 ms; both sides' timers run; peer events reach the sessions the moment
/// the network delivers them. Everything is seeded: same seed, same run.
final class MediaSessionHarness {
    let network: PeerSimulatedNetwork
    let device: MediaSession
    let viewer: MediaSession
    var sender: MediaSender { device.sender! }
    var receiver: MediaReceiver { viewer.receiver! }
    /// Viewer events in order, and a text trace of them for determinism checks.
    var frames: [DecodedVideoFrame] = []
    var audio: [DecodedAudio] = []
    var deviceEvents: [MediaEvent] = []
    var trace: [String] = []
    var sendsVideo = true
    var sendsAudio = true
    private var nextFrameAt = Instant.zero
    private var nextAudioAt = Instant.zero
    private var frameIndex = 0
    private var samplePhase = 0
    let pictures = SyntheticPictureSource()
    static let step = Duration.milliseconds(5)
    /// The wall clock both sides share (2026-09-21 plus virtual time).
    static let epoch = 1_790_000_000.0

    init(seed: UInt64, quality: QualityPreset, loss: Double, delay: ClosedRange<Int64>,
         kinds: [MediaKind] = [.video, .audio], jitterBuffer: JitterBufferConfiguration = JitterBufferConfiguration()) throws {
        network = try PeerSimulatedNetwork(seed: seed)
        try network.negotiate()
        guard network.run(for: .seconds(20), until: { $0.connected(0) && $0.connected(1) }),
              let deviceMedia = network.peers[0].negotiated, let viewerMedia = network.peers[1].negotiated,
              case .device(let options) = network.peers[0].config.role else {
            throw HarnessError.notConnected(network.eventLog)
        }
        network.loss = loss
        network.delayMilliseconds = delay
        device = MediaSession(sender: try MediaSender(configuration: MediaSenderConfiguration(options: options, quality: quality, seed: seed),
                                                      negotiated: deviceMedia), receiver: nil)
        viewer = MediaSession(sender: nil, receiver: try MediaReceiver(
            configuration: MediaReceiverConfiguration(cname: "viewer", seed: seed &+ 1, jitterBuffer: jitterBuffer,
                                                      sessionBandwidthKbps: quality.video.bitrateKbps + 48),
            negotiated: viewerMedia))
        sendsVideo = kinds.contains(.video)
        sendsAudio = kinds.contains(.audio)
        nextFrameAt = network.now
        nextAudioAt = network.now
        network.onEvent = { [unowned self] index, event in
            let media = index == 0 ? device : viewer
            media.handle(peerEvent: event, now: network.now, wallClock: Self.wallClock(network.now))
            collect(media.flush(to: network.peers[index], now: network.now), from: index)
        }
    }

    enum HarnessError: Error { case notConnected([[String]]) }

    static func wallClock(_ now: Instant) -> NTPTimestamp {
        NTPTimestamp(unixSeconds: epoch + Double(now.nanoseconds) / 1e9)
    }

    /// Runs `duration` of virtual time.
    func run(for duration: Duration) throws {
        let end = network.now + duration
        while network.now < end {
            let now = network.now
            let wall = Self.wallClock(now)
            if sendsVideo, now >= nextFrameAt {
                let target = sender.videoTarget
                try device.sendVideo(pictures.picture(width: target.width, height: target.height, index: frameIndex),
                                     captureTime: wall, now: now)
                frameIndex += 1
                nextFrameAt = nextFrameAt + target.frameInterval
            }
            if sendsAudio, now >= nextAudioAt {
                try device.sendAudio(nextSine(), captureTime: wall, now: now)
                nextAudioAt = nextAudioAt + .milliseconds(20)
            }
            for (index, media) in [device, viewer].enumerated() {
                if let deadline = media.nextTimeout, deadline <= now { media.poll(now: now, wallClock: wall) }
                collect(media.flush(to: network.peers[index], now: now), from: index)
            }
            network.run(for: Self.step)
        }
    }

    private func collect(_ events: [MediaEvent], from index: Int) {
        for event in events {
            if index == 0 {
                deviceEvents.append(event)
                trace.append("device \(event)")
                continue
            }
            switch event {
            case .videoFrame(let frame):
                frames.append(frame)
                trace.append("frame \(frame.rtpTimestamp) \(frame.frame.width)x\(frame.frame.height) key=\(frame.isKeyframe) at \(network.now)")
            case .audio(let block):
                audio.append(block)
                trace.append("audio \(block.rtpTimestamp) concealed=\(block.concealed)")
            default:
                trace.append("viewer \(event)")
            }
        }
    }

    /// 20 ms of a 440 Hz sine at 0.25 of full scale (-15.05 dBFS RMS), phase continuous.
    private func nextSine() -> [Int16] {
        defer { samplePhase += 960 }
        return (0..<960).map { index in
            Int16(0.25 * 32767 * sin(2 * Double.pi * 440 * Double(samplePhase + index) / 48_000))
        }
    }
}

/// Synthetic camera pictures for the media tests (the real test pattern is another branch's).
final class SyntheticPictureSource {
    private var textures: [Int: [UInt8]] = [:]

    /// A blocky random texture panning left, with a bright square moving across it: every
    /// frame differs and the motion needs real coding, so frames span several packets.
    func picture(width: Int, height: Int, index: Int) -> I420Frame {
        let key = width * 100_000 + height
        let texture = textures[key] ?? Self.texture(width: width, height: height)
        textures[key] = texture
        let shift = (index * 3) % width
        var luma: [UInt8] = []
        luma.reserveCapacity(width * height)
        for row in 0..<height {
            let start = row * width
            luma += texture[(start + shift)..<(start + width)]
            luma += texture[start..<(start + shift)]
        }
        let side = max(8, height / 4)
        let x = (index * 7) % max(1, width - side)
        let y = (index * 3) % max(1, height - side)
        for row in y..<(y + side) {
            luma.replaceSubrange((row * width + x)..<(row * width + x + side), with: repeatElement(UInt8(235), count: side))
        }
        var frame = I420Frame(width: width, height: height, luma: 0, cb: 120, cr: 136)
        frame.y = luma
        return frame
    }

    /// 8x8 blocks of seeded random shades, the same for a size every time.
    static func texture(width: Int, height: Int) -> [UInt8] {
        var random = SeededRandom(seed: UInt64(width * 10_000 + height))
        let columns = (width + 7) / 8
        let shades = (0..<(columns * ((height + 7) / 8))).map { _ in UInt8.random(in: 60...200, using: &random) }
        var plane: [UInt8] = []
        plane.reserveCapacity(width * height)
        for row in 0..<height {
            for column in 0..<width { plane.append(shades[(row / 8) * columns + column / 8]) }
        }
        return plane
    }
}
