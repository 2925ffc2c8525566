import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

/// The note the issue asks for: median over 20 runs on loopback of the time from receiving the
/// offer to DTLS connected, for our viewer answering aiortc and Chromium, and for aiortc answering
/// aiortc in the same run as the anchor. About 10 s; it prints the medians and checks only that
/// every run connects (times on a shared machine are not asserted).
extension LoopbackInterop {
    @Suite("Connection time on loopback", .serialized,
           .enabled(if: InteropProcess.chromiumAvailable, "needs the venv with aiortc and selenium, chromium and chromedriver"))
    struct ConnectTimeMeasurement {
        static let runs = 20

        static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }

        static func milliseconds(_ duration: Duration) -> Double {
            let parts = duration.components
            return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
        }

        /// Our viewer answers each offer `remote` prints; returns offer-received → dtlsConnected per run.
        /// The runtime (sockets, certificate) is made before the offer arrives, as a browser's is.
        static func oursAnswering(_ remote: InteropProcess, waitForRemote: (Int) -> Bool) async throws -> [Double] {
            var times: [Double] = []
            for run in 0..<runs {
                let runtime = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .viewer(wanting: [.video, .audio])),
                                                    loopbackOnly: true))
                defer { runtime.close() }
                let watchdog = RuntimeTestSupport.watchdog(runtime, seconds: 20)
                defer { watchdog.cancel() }
                let offerText = try #require(try await remote.read { $0["type"] as? String == "offer" }["sdp"] as? String)
                let received = ContinuousClock.now
                let answer = try await runtime.acceptOffer(try SessionDescription(parsing: RuntimeTestSupport.keepingLoopbackCandidates(offerText)))
                try remote.send(["type": "answer", "sdp": answer.sdpText])
                var connectedAt: ContinuousClock.Instant?
                var log: [String] = []
                for await event in runtime.events {
                    if case .dtlsConnected = event {
                        connectedAt = .now
                        break
                    }
                    log.append("\(event)")
                    if case .failed = event { break }
                }
                let at = try #require(connectedAt, "run \(run): \(log)")
                times.append(milliseconds(at - received))
                if waitForRemote(run) {
                    let state = try await remote.read { $0["run"] as? Int == run && $0["event"] != nil }["event"] as? String
                    #expect(state == "connected", "run \(run)")
                }
            }
            return times
        }

        @Test("median time from offer received to DTLS connected, 20 runs each")
        func measure() async throws {
            let aiortc = try InteropProcess(arguments: [RuntimeTestSupport.script("connect_bench.py"), "--mode", "offer",
                                                        "--runs", "\(Self.runs)"], timeoutSeconds: 300)
            defer { aiortc.terminate() }
            let withAiortc = try await Self.oursAnswering(aiortc) { _ in true }

            let chromium = try InteropProcess(arguments: [RuntimeTestSupport.script("chromium_sender.py"), "--runs", "\(Self.runs)",
                                                          "--duration", "0"], timeoutSeconds: 300)
            defer { chromium.terminate() }
            let withChromium = try await Self.oursAnswering(chromium) { $0 < Self.runs - 1 }

            let anchor = try InteropProcess(arguments: [RuntimeTestSupport.script("connect_bench.py"), "--mode", "pair",
                                                        "--runs", "\(Self.runs)"], timeoutSeconds: 300)
            defer { anchor.terminate() }
            var aiortcPair: [Double] = []
            for run in 0..<Self.runs {
                let line = try await anchor.read { $0["event"] as? String == "pair" }
                #expect(line["state"] as? String == "connected", "anchor run \(run)")
                aiortcPair.append(try #require(line["ms"] as? Double))
            }
            #expect(withAiortc.count == Self.runs && withChromium.count == Self.runs && aiortcPair.count == Self.runs)
            let format = { (value: Double) in String(format: "%.1f ms", value) }
            print("""
            connect time, offer received -> DTLS connected, loopback, median of \(Self.runs) runs:
              ours (viewer) answering aiortc:   \(format(Self.median(withAiortc)))  (min \(format(withAiortc.min() ?? 0)), max \(format(withAiortc.max() ?? 0)))
              ours (viewer) answering Chromium: \(format(Self.median(withChromium)))  (min \(format(withChromium.min() ?? 0)), max \(format(withChromium.max() ?? 0)))
              aiortc answering aiortc (anchor): \(format(Self.median(aiortcPair)))  (min \(format(aiortcPair.min() ?? 0)), max \(format(aiortcPair.max() ?? 0)))
            """)
        }
    }
}
