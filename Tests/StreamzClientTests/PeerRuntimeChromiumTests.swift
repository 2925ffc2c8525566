import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

extension LoopbackInterop {
    @Suite("PeerRuntime interop with Chromium over loopback",
           .enabled(if: InteropProcess.chromiumAvailable, "needs chromium, chromedriver and the venv with selenium"))
    struct PeerRuntimeChromiumTests {
        @Test("Chromium sends its fake camera and microphone; our viewer connects and unprotects VP8 and Opus")
        func viewerReceivesChromium() async throws {
            let chromium = try InteropProcess(arguments: [RuntimeTestSupport.script("chromium_sender.py"), "--duration", "30"],
                                              timeoutSeconds: 120)
            defer { chromium.terminate() }
            let offerText = try #require(try await chromium.read { $0["type"] as? String == "offer" }["sdp"] as? String)
            let offer = try SessionDescription(parsing: RuntimeTestSupport.keepingLoopbackCandidates(offerText))
            let media = try await RuntimeTestSupport.viewerReceives(offer: offer, from: chromium, watchdogSeconds: 40).media
            #expect(media.failure == nil, "\(media.log)")
            #expect(media.connected, "\(media.log)")
            #expect(media.rtp[.video, default: 0] >= 30 && media.rtp[.audio, default: 0] >= 30, "\(media.rtp) \(media.log)")
            let video = try #require(offer.media.first { $0.kind == "video" })
            let audio = try #require(offer.media.first { $0.kind == "audio" })
            let vp8 = try #require(video.rtpMaps.first { $0.encodingName.lowercased() == "vp8" })
            let opus = try #require(audio.rtpMaps.first { $0.encodingName.lowercased() == "opus" })
            // Our answer keeps VP8 (and its RTX) and Opus only; Chromium may also send RTX or padding on the RTX PT.
            let vp8RTX = video.rtpMaps.filter { $0.encodingName.lowercased() == "rtx" }.map(\.payloadType)
            #expect(media.payloadTypes[.video].map { $0.contains(vp8.payloadType) && $0.isSubset(of: Set([vp8.payloadType] + vp8RTX)) } == true)
            #expect(media.payloadTypes[.audio] == [opus.payloadType])
            #expect(media.ssrcs[.video].map { $0.isSubset(of: Set(video.ssrcs)) } == true)
            #expect(media.ssrcs[.audio].map { $0.isSubset(of: Set(audio.ssrcs)) } == true)
            // Chromium is the DTLS server (our answer says active) and picks the profile; both are ours.
            #expect(media.dtls != nil)
        }

        @Test("our device offers and sends VP8 and Opus; Chromium answers and decodes frames of our size")
        func chromiumReceivesDevice() async throws {
            let chromium = try InteropProcess(arguments: [RuntimeTestSupport.script("chromium_receiver.py"), "--duration", "30"],
                                              timeoutSeconds: 120)
            defer { chromium.terminate() }
            let runtime = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                                loopbackOnly: true))
            defer { runtime.close() }
            let watchdog = RuntimeTestSupport.watchdog(runtime, seconds: 40)
            defer { watchdog.cancel() }
            _ = try await RuntimeTestSupport.deviceConnects(runtime, to: chromium,
                                                            filteringAnswer: RuntimeTestSupport.keepingLoopbackCandidates)
            try await MediaSource(options: RuntimeTestSupport.deviceOptions, width: 320, height: 240).send(seconds: 3, through: runtime)
            let report = try await chromium.read { object in
                object["event"] as? String == "received" && (object["video"] as? Int ?? 0) > 10 && (object["audio"] as? Int ?? 0) > 10
            }
            #expect(report["width"] as? Int == 320)
            #expect(report["height"] as? Int == 240)
        }
    
        @Test("Chromium accepts our ICE restart offer: new credentials on both sides, frames keep decoding, no new DTLS handshake")
        func chromiumAcceptsRestart() async throws {
            let chromium = try InteropProcess(arguments: [RuntimeTestSupport.script("chromium_receiver.py"), "--duration", "40"],
                                              timeoutSeconds: 120)
            defer { chromium.terminate() }
            let runtime = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                                loopbackOnly: true))
            defer { runtime.close() }
            let watchdog = RuntimeTestSupport.watchdog(runtime, seconds: 60)
            defer { watchdog.cancel() }
            let (offer, answer, _) = try await RuntimeTestSupport.deviceConnects(
                runtime, to: chromium, filteringAnswer: RuntimeTestSupport.keepingLoopbackCandidates)
            let (restart, sender) = try await RuntimeTestSupport.restartsWhileStreaming(
                runtime, to: chromium, streamSeconds: 12, filteringAnswer: RuntimeTestSupport.keepingLoopbackCandidates)
            defer { sender.cancel() }
            #expect(restart.offer.media[0].attributeValue("ice-ufrag") != offer.media[0].attributeValue("ice-ufrag"))
            // RFC 8839 §4.4.1.1.2: Chromium answers a restart with credentials of its own.
            #expect(restart.reanswer.media[0].attributeValue("ice-ufrag") != answer.media[0].attributeValue("ice-ufrag"))
            #expect(restart.reselected && restart.after.failure == nil, "\(restart.after.log)")
            // Chromium moves to the new generation's pair (its second pair change) in its own time;
            // its reports stop at --duration, so a pair that never changes fails the read.
            let report = try await chromium.read {
                ($0["event"] as? String == "received") && ($0["video"] as? Int ?? 0) > restart.framesBefore + 20
                    && ($0["pairChanges"] as? Int ?? 0) >= 2
            }
            #expect(report["state"] as? String == "connected")
            // Our side saw no second DTLS handshake.
            #expect(restart.after.dtls == nil, "\(restart.after.log)")
        }
    }
}
