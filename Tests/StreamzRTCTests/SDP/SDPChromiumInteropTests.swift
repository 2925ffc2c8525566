import Testing
@testable import StreamzRTC

/// Feeds our descriptions to headless Chromium (selenium in the venv), the
/// strictest SDP consumer we talk to.
@Suite("SDP interop with Chromium", .enabled(if: InteropPython.chromiumAvailable, "needs chromium, chromedriver and a venv with selenium"))
struct SDPChromiumInteropTests {
    /// Starts headless Chromium on a page served from 127.0.0.1 (getUserMedia needs a secure origin).
    static let prelude = """
    import http.server, json, sys, tempfile, threading
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200); self.send_header("Content-Type", "text/html"); self.end_headers()
            self.wfile.write(b"<!doctype html><title>sdp</title>")
        def log_message(self, *args): pass
    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/lib/chromium/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                 "--allow-loopback-in-peer-connection", "--user-data-dir=" + tempfile.mkdtemp()]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(30)
    driver.get("http://localhost:%d/" % server.server_port)
    GATHERED = "const gathered = pc => new Promise(r => { if (pc.iceGatheringState === 'complete') r(); " \\
        "pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); }); });"
    def run(js, *args):
        result = driver.execute_async_script("const done = arguments[arguments.length - 1];" + GATHERED
            + "(async () => {" + js + "})().catch(e => done('ERROR ' + e));", *args)
        if isinstance(result, str) and result.startswith("ERROR"):
            raise SystemExit(result)
        return result
    """

    @Test("Chromium answers our device offer; the answer negotiates VP8 96 and Opus 111")
    func chromiumAnswersOurOffer() async throws {
        let script = Self.prelude + "\n" + """
        try:
            answer = run('''
              const pc = new RTCPeerConnection(); window.pc = pc;
              await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
              await pc.setLocalDescription(await pc.createAnswer());
              await gathered(pc);
              done(pc.localDescription.sdp);''', sys.stdin.read())
            sys.stdout.write(answer)
        finally:
            driver.quit()
        """
        let device = DeviceOffer(SDPDeviceOfferTests.options, local: SDPFixtures.localTransport())
        let answer = try SessionDescription(parsing: await InteropPython.run(script: script, input: device.description.sdpText))
        let negotiated = try device.negotiate(answer: answer)
        let video = try #require(negotiated.video)
        #expect(video.payloadType == 96 && video.rtxPayloadType == 97)
        #expect(video.feedback == [.nack, .pli, .fir, .remb])
        #expect(video.extensionIDs[ExtMap.absSendTimeURI] == 2)
        #expect(negotiated.audio?.payloadType == 111)
        #expect(negotiated.audio?.extensionIDs[ExtMap.audioLevelURI] == 4)
        #expect(answer.media.allSatisfy { $0.direction == .recvonly })
        // Chromium answers actpass with active: we are the DTLS server.
        #expect(negotiated.transport.dtlsRole == .server)
        #expect(negotiated.transport.bundleMids == ["0", "1"])
        #expect(!negotiated.transport.remoteCandidates.isEmpty)
    }

    @Test("Chromium accepts our viewer answer to its live offer")
    func chromiumAcceptsOurAnswer() async throws {
        let script = Self.prelude + "\n" + """
        try:
            offer = run('''
              const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
              const pc = new RTCPeerConnection(); window.pc = pc;
              for (const track of stream.getTracks()) pc.addTransceiver(track, {direction: 'sendonly', streams: [stream]});
              await pc.setLocalDescription(await pc.createOffer());
              await gathered(pc);
              done(pc.localDescription.sdp);''')
            sys.stdout.write(offer + "--END--\\n")
            sys.stdout.flush()
            state = run('''
              await window.pc.setRemoteDescription({type: 'answer', sdp: arguments[0]});
              done(window.pc.signalingState + ' ' + window.pc.getTransceivers().map(t => t.currentDirection).join(','));''',
              sys.stdin.read())
            sys.stdout.write("APPLIED " + state + "\\n")
        finally:
            driver.quit()
        """
        let session = try InteropPython.Session(script: script)
        let offer = try SessionDescription(parsing: await session.readUntil(marker: "--END--"))
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio],
                                      local: SDPFixtures.localTransport(), sessionID: 21)
        #expect(answer.negotiated.video?.payloadType == offer.media[1].payloadTypes.first)
        let result = try await session.finish(input: answer.description.sdpText)
        #expect(result.contains("APPLIED stable sendonly,sendonly"))
    }
}
