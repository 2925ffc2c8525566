#!/usr/bin/env python3
"""Headless Chromium as the sending peer in Streamz's interop tests.

A page on 127.0.0.1 captures the fake camera and microphone and offers them
sendonly. JSON lines on stdin/stdout: prints {"type":"offer","sdp":...} once
ICE gathering completes, reads {"type":"answer","sdp":...}, then prints
{"event":"connectionState",...} lines until --duration seconds pass or stdin
closes. Flags from /work/shared/INTEROP-NOTES.md.
"""
import argparse
import http.server
import json
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>streamz sender</title>")

    def log_message(self, *args):
        pass


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


OFFER = """
const done = arguments[arguments.length - 1];
(async () => {
    window.stream = window.stream || await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}});
  const stream = window.stream;
  if (window.pc) window.pc.close();
  const pc = new RTCPeerConnection(); window.pc = pc;
  for (const track of stream.getTracks()) pc.addTransceiver(track, {direction: 'sendonly', streams: [stream]});
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise(r => {
    if (pc.iceGatheringState === 'complete') r();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
  });
  done(pc.localDescription.sdp);
})().catch(e => done('ERROR ' + e));
"""

ANSWER = """
const done = arguments[arguments.length - 1];
window.pc.setRemoteDescription({type: 'answer', sdp: arguments[0]})
  .then(() => done('ok')).catch(e => done('ERROR ' + e));
"""

CONNECTED = """
const done = arguments[arguments.length - 1];
const pc = window.pc;
const check = () => {
  if (['connected', 'failed', 'closed'].includes(pc.connectionState)) { done(pc.connectionState); return true; }
  return false;
};
if (!check()) pc.addEventListener('connectionstatechange', check);
"""


def start_driver():
    """Headless Chromium on a page served from 127.0.0.1 (getUserMedia needs a secure origin)."""
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
    return driver


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=20.0, help="seconds to keep sending after the last run connects")
    parser.add_argument("--runs", type=int, default=1, help="connections made one after another (a fresh peer each)")
    args = parser.parse_args()
    driver = start_driver()
    try:
        for run in range(args.runs):
            offer = driver.execute_async_script(OFFER)
            if offer.startswith("ERROR"):
                raise SystemExit(offer)
            emit({"type": "offer", "run": run, "sdp": offer})
            line = sys.stdin.readline()
            if not line.strip():
                return
            result = driver.execute_async_script(ANSWER, json.loads(line)["sdp"])
            if result != "ok":
                raise SystemExit(result)
            if run < args.runs - 1:
                emit({"event": driver.execute_async_script(CONNECTED), "run": run})
        # Stop early when the test closes stdin, so chromium is quit rather than orphaned.
        closed = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
        deadline = time.monotonic() + args.duration
        last = None
        while time.monotonic() < deadline and not closed.is_set():
            state = driver.execute_script("return window.pc.connectionState")
            if state != last:
                emit({"event": "connectionState", "state": state})
                last = state
            if state in ("failed", "closed"):
                break
            time.sleep(0.2)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
