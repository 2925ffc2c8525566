#!/usr/bin/env python3
"""aiortc as the other WebRTC peer in Streamz's interop tests.

Speaks JSON lines on stdin/stdout so a Swift test can drive it:
  --role offer   prints {"type":"offer","sdp":...}, reads {"type":"answer","sdp":...}
  --role answer  reads {"type":"offer","sdp":...}, prints {"type":"answer","sdp":...}
Sends a synthetic moving picture (VP8) and a 440 Hz tone (Opus) when --send
names them; counts what it receives. Events are printed as
{"event": ..., ...} lines; it stops after --duration seconds or when stdin closes.
Only 127.0.0.1 is used for candidates.
"""
import argparse
import asyncio
import fractions
import json
import math
import sys
import time

import aioice.ice
import numpy
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack
from av import AudioFrame, VideoFrame

# aioice skips 127.0.0.1 by default; the tests run on loopback only.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class MovingPattern(VideoStreamTrack):
    """Colour bars that slide one step a frame."""

    def __init__(self, width, height):
        super().__init__()
        self.width, self.height, self.count = width, height, 0
        bars = numpy.array(
            [[235, 235, 235], [235, 235, 16], [16, 235, 235], [16, 235, 16],
             [235, 16, 235], [235, 16, 16], [16, 16, 235], [16, 16, 16]], dtype=numpy.uint8)
        columns = numpy.arange(width) * len(bars) // width
        self.row = bars[columns]

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        shift = (self.count * 4) % self.width
        self.count += 1
        row = numpy.roll(self.row, shift, axis=0)
        image = numpy.repeat(row[numpy.newaxis, :, :], self.height, axis=0)
        frame = VideoFrame.from_ndarray(image, format="rgb24")
        frame.pts, frame.time_base = pts, time_base
        return frame


class Tone(AudioStreamTrack):
    """A 440 Hz sine at 0.25 of full scale, 20 ms frames at 48 kHz."""

    def __init__(self):
        super().__init__()
        self.sample = 0

    async def recv(self):
        samples = 960
        if getattr(self, "_start", None) is None:
            self._start = time.time()
            self._timestamp = 0
        else:
            self._timestamp += samples
            wait = self._start + self._timestamp / 48000 - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
        t = (numpy.arange(samples) + self.sample) / 48000.0
        self.sample += samples
        pcm = (numpy.sin(2 * math.pi * 440 * t) * 0.25 * 32767).astype(numpy.int16)
        frame = AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 48000
        frame.pts = self._timestamp
        frame.time_base = fractions.Fraction(1, 48000)
        return frame


async def consume(track, counts):
    kind = track.kind
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        counts[kind] += 1
        if kind == "video":
            counts["width"], counts["height"] = frame.width, frame.height


async def read_line():
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    return json.loads(line) if line.strip() else None


async def follow_stdin(pc, closed):
    """Applies later offers (re-offers) to the same connection and answers them; sets `closed` at EOF."""
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            closed.set()
            return
        if not line.strip():
            continue
        message = json.loads(line)
        if message.get("type") == "offer":
            await pc.setRemoteDescription(RTCSessionDescription(sdp=message["sdp"], type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())
            emit({"type": "answer", "sdp": pc.localDescription.sdp, "renegotiated": True})


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", choices=["offer", "answer"], required=True)
    parser.add_argument("--send", default="video,audio", help="comma-separated: video, audio, or none")
    parser.add_argument("--receive", default="", help="kinds to add as recvonly transceivers when offering")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--size", default="640x480")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    send = [k for k in args.send.split(",") if k in ("video", "audio")]

    pc = RTCPeerConnection()
    counts = {"video": 0, "audio": 0, "width": None, "height": None}
    started = time.monotonic()

    @pc.on("connectionstatechange")
    async def on_state():
        emit({"event": "connectionState", "state": pc.connectionState,
              "elapsedMs": round((time.monotonic() - started) * 1000, 1)})

    @pc.on("track")
    def on_track(track):
        emit({"event": "track", "kind": track.kind})
        asyncio.ensure_future(consume(track, counts))

    def add_senders():
        for kind in send:
            pc.addTrack(MovingPattern(width, height) if kind == "video" else Tone())

    if args.role == "offer":
        add_senders()
        for kind in [k for k in args.receive.split(",") if k in ("video", "audio")]:
            pc.addTransceiver(kind, direction="recvonly")
        await pc.setLocalDescription(await pc.createOffer())
        emit({"type": "offer", "sdp": pc.localDescription.sdp})
        answer = await read_line()
        if answer is None:
            return
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type="answer"))
    else:
        offer = await read_line()
        if offer is None:
            return
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer["sdp"], type="offer"))
        add_senders()
        await pc.setLocalDescription(await pc.createAnswer())
        emit({"type": "answer", "sdp": pc.localDescription.sdp})

    # Stop early when the test closes stdin; answer re-offers meanwhile.
    stdin_closed = asyncio.Event()
    follower = asyncio.ensure_future(follow_stdin(pc, stdin_closed))
    deadline = time.monotonic() + args.duration
    while time.monotonic() < deadline and pc.connectionState not in ("failed", "closed") and not stdin_closed.is_set():
        await asyncio.sleep(0.5)
        emit({"event": "received", **counts})
    follower.cancel()
    await pc.close()
    emit({"event": "done", **counts})


if __name__ == "__main__":
    asyncio.run(main())
