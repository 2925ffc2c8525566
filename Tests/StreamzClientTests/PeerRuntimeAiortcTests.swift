import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

extension LoopbackInterop {
    @Suite("PeerRuntime interop with aiortc over loopback", .enabled(if: InteropProcess.available, "needs the venv with aiortc (make venv)"),
           .serialized)
    struct PeerRuntimeAiortcTests {
        @Test("aiortc offers VP8 + Opus; our viewer answers, connects and unprotects both kinds")
        func viewerAnswersAiortc() async throws {
            let aiortc = try InteropProcess(arguments: [RuntimeTestSupport.script("aiortc_peer.py"),
                                                        "--role", "offer", "--send", "video,audio", "--duration", "20"])
            defer { aiortc.terminate() }
            let offerText = try #require(try await aiortc.read { $0["type"] as? String == "offer" }["sdp"] as? String)
            let offer = try SessionDescription(parsing: offerText)
            let (media, stats) = try await RuntimeTestSupport.viewerReceives(offer: offer, from: aiortc, watchdogSeconds: 30)
            #expect(media.failure == nil, "\(media.log)")
            #expect(media.connected)
            #expect(media.dtls != nil)
            #expect(media.rtp[.video, default: 0] >= 30 && media.rtp[.audio, default: 0] >= 30, "\(media.rtp) \(media.log)")
            // Payload types and SSRCs are the ones aiortc's offer announced.
            let video = try #require(offer.media.first { $0.kind == "video" })
            let audio = try #require(offer.media.first { $0.kind == "audio" })
            let vp8 = try #require(video.rtpMaps.first { $0.encodingName.lowercased() == "vp8" })
            let opus = try #require(audio.rtpMaps.first { $0.encodingName.lowercased() == "opus" })
            #expect(media.payloadTypes[.video] == [vp8.payloadType])
            #expect(media.payloadTypes[.audio] == [opus.payloadType])
            #expect(media.ssrcs[.video].map { $0.isSubset(of: Set(video.ssrcs)) } == true)
            #expect(media.ssrcs[.audio].map { $0.isSubset(of: Set(audio.ssrcs)) } == true)
            #expect(stats.selectedPair?.connectionType == .p2p)
        }

        @Test("our device offers and sends VP8 and Opus; aiortc answers and decodes frames of our size")
        func aiortcAnswersDevice() async throws {
            let aiortc = try InteropProcess(arguments: [RuntimeTestSupport.script("aiortc_peer.py"),
                                                        "--role", "answer", "--send", "none", "--duration", "8"])
            defer { aiortc.terminate() }
            let runtime = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                                loopbackOnly: true))
            defer { runtime.close() }
            let watchdog = RuntimeTestSupport.watchdog(runtime, seconds: 30)
            defer { watchdog.cancel() }
            _ = try await RuntimeTestSupport.deviceConnects(runtime, to: aiortc)
            try await MediaSource(options: RuntimeTestSupport.deviceOptions, width: 320, height: 240).send(seconds: 3, through: runtime)
            let report = try await aiortc.read { object in
                object["event"] as? String == "received" && (object["video"] as? Int ?? 0) > 10 && (object["audio"] as? Int ?? 0) > 10
            }
            #expect(report["width"] as? Int == 320)
            #expect(report["height"] as? Int == 240)
        }
    
        @Test("aiortc ignores our ICE restart (it answers with its old credentials): we take our old ones back, reselect and keep sending")
        func aiortcIgnoresRestart() async throws {
            let aiortc = try InteropProcess(arguments: [RuntimeTestSupport.script("aiortc_peer.py"),
                                                        "--role", "answer", "--send", "none", "--duration", "20"])
            defer { aiortc.terminate() }
            let runtime = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                                loopbackOnly: true))
            defer { runtime.close() }
            let watchdog = RuntimeTestSupport.watchdog(runtime, seconds: 40)
            defer { watchdog.cancel() }
            let (_, answer, _) = try await RuntimeTestSupport.deviceConnects(runtime, to: aiortc)
            let (restart, sender) = try await RuntimeTestSupport.restartsWhileStreaming(runtime, to: aiortc, streamSeconds: 10)
            defer { sender.cancel() }
            // aiortc 1.16 ignores the restart and answers with its old credentials.
            #expect(restart.reanswer.media[0].attributeValue("ice-ufrag") == answer.media[0].attributeValue("ice-ufrag"))
            // With our old credentials back, aiortc answers the new generation's checks: a pair is selected again.
            #expect(restart.reselected && restart.after.failure == nil, "\(restart.after.log)")
            let report = try await aiortc.read {
                ($0["event"] as? String == "received") && ($0["video"] as? Int ?? 0) > restart.framesBefore + 20
            }
            #expect(report["width"] as? Int == 320)
        }
    }
}
