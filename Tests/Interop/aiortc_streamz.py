#!/usr/bin/env python3
"""aiortc as a Streamz device or viewer, speaking our server's REST + WebSocket protocol.

  --role device  logs in, creates (or reuses) the device --name, goes online and answers every
                 session.request with an offer of --media (a clip played by aiortc's MediaPlayer,
                 re-encoded to VP8 + Opus by aiortc).
  --role viewer  logs in, starts a session on the device --name and answers its offer; counts the
                 frames aiortc decodes.
The password comes from STREAMZ_PASSWORD. Events are printed as JSON lines
({"event": ...}); it stops after --duration seconds or when stdin closes. Only 127.0.0.1 is used.
"""
import argparse
import asyncio
import json
import os
import sys
import time
import urllib.request

import aioice.ice
import websockets
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer
from aiortc.mediastreams import MediaStreamError
from aiortc.sdp import candidate_from_sdp

# aioice skips 127.0.0.1 by default; the tests run on loopback only.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def rest(server, method, path, body=None, token=None):
    request = urllib.request.Request(server + "/api/v1" + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read()
        return json.loads(text) if text else None


class Connection:
    """One signalling socket: JSON objects in and out."""

    def __init__(self, socket):
        self.socket = socket

    async def send(self, obj):
        await self.socket.send(json.dumps(obj))

    async def receive(self):
        return json.loads(await self.socket.recv())


async def connect(server, token, role, device_id=None):
    socket = await websockets.connect(server.replace("http", "ws", 1) + "/api/v1/ws")
    connection = Connection(socket)
    auth = {"type": "auth", "token": token, "role": role}
    if device_id:
        auth["deviceId"] = device_id
    await connection.send(auth)
    while True:
        message = await connection.receive()
        if message["type"] == "welcome":
            return connection, message
        if message["type"] == "error":
            raise RuntimeError(message)


async def apply_signal(pc, message):
    """A signal of our peer: a description or a trickled candidate (null ends them)."""
    if "description" in message:
        description = message["description"]
        await pc.setRemoteDescription(RTCSessionDescription(sdp=description["sdp"], type=description["type"]))
        return description["type"]
    candidate = message.get("candidate")
    if candidate:
        parsed = candidate_from_sdp(candidate["candidate"].split(":", 1)[1])
        parsed.sdpMid = candidate.get("sdpMid")
        parsed.sdpMLineIndex = candidate.get("sdpMLineIndex")
        await pc.addIceCandidate(parsed)
    return None


async def consume(track, counts):
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        counts[track.kind] += 1
        if track.kind == "video":
            counts["width"], counts["height"] = frame.width, frame.height


def watch_state(pc, connection, session_id, started):
    @pc.on("connectionstatechange")
    async def on_state():
        emit({"event": "connectionState", "state": pc.connectionState,
              "elapsedMs": round((time.monotonic() - started) * 1000, 1)})
        if pc.connectionState == "connected":
            await connection.send({"type": "session.state", "sessionId": session_id, "state": "connected"})
        elif pc.connectionState == "failed":
            await connection.send({"type": "session.state", "sessionId": session_id, "state": "failed",
                                   "reason": "ice_failed: aiortc gave up"})


async def run_device(args, server, token, deadline):
    devices = rest(server, "GET", "/devices", token=token)["devices"]
    device = next((d for d in devices if d["name"] == args.name), None)
    if device is None:
        device = rest(server, "POST", "/devices", {"name": args.name, "kind": "agent", "platform": "aiortc",
                                                   "capabilities": {"camera": True, "microphone": True}},
                      token=token)["device"]
    connection, welcome = await connect(server, token, "device", device["id"])
    emit({"event": "online", "deviceId": device["id"]})
    peers = {}

    async def heartbeat():
        while True:
            await asyncio.sleep(welcome["heartbeatInterval"])
            await connection.send({"type": "heartbeat"})

    beating = asyncio.ensure_future(heartbeat())
    try:
        while time.monotonic() < deadline:
            try:
                message = await asyncio.wait_for(connection.receive(), timeout=max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                break
            kind = message["type"]
            if kind == "session.request":
                session = message["session"]
                pc = RTCPeerConnection()
                player = MediaPlayer(args.media)
                peers[session["id"]] = (pc, player)
                watch_state(pc, connection, session["id"], time.monotonic())
                if session["type"] in ("video", "both") and player.video:
                    pc.addTrack(player.video)
                if session["type"] in ("audio", "both") and player.audio:
                    pc.addTrack(player.audio)
                await connection.send({"type": "session.state", "sessionId": session["id"], "state": "connecting"})
                await pc.setLocalDescription(await pc.createOffer())
                await connection.send({"type": "signal", "sessionId": session["id"],
                                       "description": {"type": "offer", "sdp": pc.localDescription.sdp}})
                emit({"event": "offered", "sessionId": session["id"]})
            elif kind == "signal" and message["sessionId"] in peers:
                await apply_signal(peers[message["sessionId"]][0], message)
            elif kind == "session.ended" and message["sessionId"] in peers:
                pc, player = peers.pop(message["sessionId"])
                emit({"event": "ended", "sessionId": message["sessionId"], "reason": message["reason"]})
                await pc.close()
    finally:
        beating.cancel()
        for pc, _ in peers.values():
            await pc.close()
        await connection.socket.close()


async def run_viewer(args, server, token, deadline):
    devices = rest(server, "GET", "/devices", token=token)["devices"]
    device = next(d for d in devices if d["name"] == args.name)
    connection, _ = await connect(server, token, "viewer")
    started = time.monotonic()
    await connection.send({"type": "session.start", "id": "s1", "deviceId": device["id"],
                           "sessionType": args.type, "quality": args.quality})
    session_id = None
    pc = RTCPeerConnection()
    counts = {"video": 0, "audio": 0, "width": None, "height": None}

    @pc.on("track")
    def on_track(track):
        emit({"event": "track", "kind": track.kind})
        asyncio.ensure_future(consume(track, counts))

    next_report = time.monotonic() + 0.5
    try:
        while time.monotonic() < deadline and pc.connectionState not in ("failed", "closed"):
            try:
                message = await asyncio.wait_for(connection.receive(), timeout=0.5)
            except asyncio.TimeoutError:
                message = None
            if message is not None:
                kind = message["type"]
                if kind == "ack" and message.get("replyTo") == "s1":
                    session_id = message["session"]["id"]
                    watch_state(pc, connection, session_id, started)
                    emit({"event": "session", "sessionId": session_id})
                elif kind == "error" and message.get("replyTo") == "s1":
                    emit({"event": "error", "code": message["code"], "message": message["message"]})
                    return
                elif kind == "signal" and message["sessionId"] == session_id:
                    if await apply_signal(pc, message) == "offer":
                        await pc.setLocalDescription(await pc.createAnswer())
                        await connection.send({"type": "signal", "sessionId": session_id,
                                               "description": {"type": "answer", "sdp": pc.localDescription.sdp}})
                elif kind == "session.ended" and message["sessionId"] == session_id:
                    emit({"event": "ended", "reason": message["reason"]})
                    break
            if time.monotonic() >= next_report:
                next_report += 0.5
                emit({"event": "received", **counts})
        if session_id:
            await connection.send({"type": "session.end", "sessionId": session_id, "reason": "viewer_stopped"})
    finally:
        await pc.close()
        emit({"event": "done", **counts})
        await connection.socket.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", choices=["device", "viewer"], required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--name", required=True, help="the device's name")
    parser.add_argument("--media", help="the clip a device plays (MediaPlayer)")
    parser.add_argument("--type", default="both")
    parser.add_argument("--quality", default="medium")
    parser.add_argument("--duration", type=float, default=20.0)
    args = parser.parse_args()
    server = args.server.rstrip("/")
    token = rest(server, "POST", "/auth/login", {"email": args.email, "password": os.environ["STREAMZ_PASSWORD"]})["accessToken"]
    deadline = time.monotonic() + args.duration
    stdin_closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    runner = run_device(args, server, token, deadline) if args.role == "device" else run_viewer(args, server, token, deadline)
    task = asyncio.ensure_future(runner)
    await asyncio.wait([task, stdin_closed], return_when=asyncio.FIRST_COMPLETED)
    if not task.done():
        task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


if __name__ == "__main__":
    asyncio.run(main())
