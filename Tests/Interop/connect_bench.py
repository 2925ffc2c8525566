#!/usr/bin/env python3
"""Connection-time runs for Streamz's measurement (median of offer received -> DTLS connected).

--mode offer: aiortc offers VP8 + Opus (sendonly) --runs times in a row, one fresh
  RTCPeerConnection each: prints {"type":"offer","run":i,"sdp":...}, reads
  {"type":"answer","sdp":...}, waits for its own DTLS transport to connect, prints
  {"event":"connected","run":i}, closes, next. The Swift side times its own peer.
--mode pair: aiortc against aiortc in this process, the anchor: times from the
  answerer receiving the offer to the answerer's DTLS transport connected;
  prints {"event":"pair","run":i,"ms":...} per run.
Only 127.0.0.1 is used for candidates.
"""
import argparse
import asyncio
import json
import sys
import time

import aioice.ice
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def offerer():
    pc = RTCPeerConnection()
    pc.addTransceiver(VideoStreamTrack(), direction="sendonly")
    pc.addTransceiver(AudioStreamTrack(), direction="sendonly")
    return pc


async def dtls_connected(pc):
    """Waits until the (bundled) DTLS transport of the first transceiver is connected."""
    transport = pc.getTransceivers()[0].receiver.transport
    done = asyncio.get_running_loop().create_future()

    @transport.on("statechange")
    def on_state():
        if transport.state in ("connected", "failed", "closed") and not done.done():
            done.set_result(transport.state)

    if transport.state == "connected":
        return "connected"
    return await done


async def offer_runs(runs):
    loop = asyncio.get_running_loop()
    for run in range(runs):
        pc = offerer()
        await pc.setLocalDescription(await pc.createOffer())
        emit({"type": "offer", "run": run, "sdp": pc.localDescription.sdp})
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line.strip():
            return
        await pc.setRemoteDescription(RTCSessionDescription(sdp=json.loads(line)["sdp"], type="answer"))
        state = await asyncio.wait_for(dtls_connected(pc), 20)
        emit({"event": state, "run": run})
        await pc.close()


async def pair_runs(runs):
    for run in range(runs):
        sender, receiver = offerer(), RTCPeerConnection()
        await sender.setLocalDescription(await sender.createOffer())
        offer = sender.localDescription.sdp
        started = time.monotonic()
        await receiver.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
        await receiver.setLocalDescription(await receiver.createAnswer())
        waiting = asyncio.ensure_future(dtls_connected(receiver))
        await sender.setRemoteDescription(receiver.localDescription)
        state = await asyncio.wait_for(waiting, 20)
        emit({"event": "pair", "run": run, "state": state, "ms": round((time.monotonic() - started) * 1000, 2)})
        await sender.close()
        await receiver.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["offer", "pair"], required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(offer_runs(args.runs) if args.mode == "offer" else pair_runs(args.runs))


if __name__ == "__main__":
    main()
