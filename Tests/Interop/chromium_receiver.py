#!/usr/bin/env python3
"""Headless Chromium as the receiving peer in Streamz's interop tests.

JSON lines on stdin/stdout: reads {"type":"offer","sdp":...}, prints
{"type":"answer","sdp":...} once ICE gathering completes, then every half second
{"event":"received","video":<frames decoded>,"audio":<packets received>,
"width":...,"height":...} from getStats() until --duration seconds pass or stdin
closes. A later {"type":"offer"} (a re-offer, e.g. an ICE restart) is applied to
the same connection and answered the same way, with "renegotiated": true.
Flags from /work/shared/INTEROP-NOTES.md.
"""
import argparse
import json
import queue
import sys
import threading
import time

from chromium_sender import Page, emit, start_driver

ANSWER = """
const done = arguments[arguments.length - 1];
(async () => {
  const pc = new RTCPeerConnection(); window.pc = pc;
  await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
  await pc.setLocalDescription(await pc.createAnswer());
  await new Promise(r => {
    if (pc.iceGatheringState === 'complete') r();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
  });
  done(pc.localDescription.sdp);
})().catch(e => done('ERROR ' + e));
"""

REANSWER = """
const done = arguments[arguments.length - 1];
(async () => {
  const pc = window.pc;
  await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
  await pc.setLocalDescription(await pc.createAnswer());
  // An ICE restart gathers again; wait for it (bounded: a plain re-offer may not gather at all).
  await new Promise(r => {
    const check = () => { if (pc.iceGatheringState === 'complete' && pc.localDescription.sdp.includes('a=candidate')) r(); };
    pc.addEventListener('icegatheringstatechange', check);
    check();
    setTimeout(r, 3000);
  });
  done(pc.localDescription.sdp);
})().catch(e => done('ERROR ' + e));
"""

STATS = """
const done = arguments[arguments.length - 1];
window.pc.getStats().then(report => {
  const result = {video: 0, audio: 0, width: null, height: null, state: window.pc.connectionState, pairChanges: 0};
  report.forEach(s => {
    if (s.type === 'transport') result.pairChanges = s.selectedCandidatePairChanges || 0;
    if (s.type !== 'inbound-rtp') return;
    if (s.kind === 'video') {
      result.video = s.framesDecoded || 0; result.width = s.frameWidth || null; result.height = s.frameHeight || null;
    } else if (s.kind === 'audio') {
      result.audio = s.packetsReceived || 0;
    }
  });
  done(result);
}).catch(e => done({error: String(e)}));
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=20.0)
    args = parser.parse_args()
    driver = start_driver()
    try:
        line = sys.stdin.readline()
        if not line.strip():
            return
        answer = driver.execute_async_script(ANSWER, json.loads(line)["sdp"])
        if answer.startswith("ERROR"):
            raise SystemExit(answer)
        emit({"type": "answer", "sdp": answer})
        closed = threading.Event()
        offers = queue.Queue()

        def read_offers():
            for text in sys.stdin:
                if text.strip():
                    offers.put(json.loads(text)["sdp"])
            closed.set()

        threading.Thread(target=read_offers, daemon=True).start()
        deadline = time.monotonic() + args.duration
        while time.monotonic() < deadline and not closed.is_set():
            try:
                answer = driver.execute_async_script(REANSWER, offers.get_nowait())
                if answer.startswith("ERROR"):
                    raise SystemExit(answer)
                emit({"type": "answer", "sdp": answer, "renegotiated": True})
            except queue.Empty:
                pass
            emit({"event": "received", **driver.execute_async_script(STATS)})
            time.sleep(0.5)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
