#!/usr/bin/env python3
"""Agent -> watch figures on loopback, with the built binaries (make bench, or by hand):

  capture-to-decoded latency p50/p95: `streamz watch --duration S` of the agent's test
      pattern; each decoded frame's latency is read from the capture-time code drawn into it
      (measured, not estimated), and watch's summary gives the percentiles. With --y4m WxH the
      agent sends a Y4M clip of that size made with ffmpeg instead (encoded live, rescaled to the
      preset when the sizes differ), timed by abs-capture-time. --latency-runs N repeats the watch
      and prints each run and the medians;
  session start to first decoded frame: `timeToFirstFrameMs` (session.start sent -> first
      decoded video frame) of N short watches, median and spread.

Each watch signs in (one token refresh), so the runs are paced at one per 6.5 s to stay under the
server's 10 sign-ins a minute from one address: 20 runs take a little over two minutes.

Usage: session_bench.py [--binary .build/release/streamz] [--runs 20] [--seconds 10] [--quality medium]
                        [--y4m 1280x720] [--latency-runs 1]
Prints figures; asserts nothing.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/api/v1/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit("server did not start")


def wait_line(process, prefix, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return
    sys.exit("device did not come online")


def watch(binary, url, env, quality, seconds):
    result = subprocess.run(
        [binary, "watch", "--server", url, "--email", env["STREAMZ_EMAIL"], "--device", "bench", "--json",
         "--quality", quality, "--duration", str(seconds), "--loopback-only"],
        env=env, capture_output=True, text=True, timeout=120)
    lines = [json.loads(l) for l in result.stdout.splitlines() if l.startswith("{")]
    summary = next((l for l in lines if l.get("summary")), None)
    if result.returncode != 0 or summary is None:
        sys.exit(f"watch failed ({result.returncode}): {result.stdout[-2000:]} {result.stderr[-2000:]}")
    return summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/streamz")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--quality", default="medium")
    parser.add_argument("--y4m", metavar="WxH", help="send a 5 s 30 fps Y4M clip of this size instead of the pattern")
    parser.add_argument("--latency-runs", type=int, default=1)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    directory = tempfile.mkdtemp(prefix="streamz-session-bench-")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # A config folder of its own: watch remembers its login there (one password login, then
    # refreshes, so the 20 runs stay under the server's login rate limit).
    env = dict(os.environ, STREAMZ_PASSWORD="benchmark password", STREAMZ_EMAIL="bench@example.com",
               XDG_CONFIG_HOME=os.path.join(directory, "config"))
    server = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--db",
                               os.path.join(directory, "bench.db"), "--bcrypt-cost", "4"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    device = None
    try:
        video = "testsrc"
        if args.y4m:
            video = os.path.join(directory, f"clip-{args.y4m}.y4m")
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=s={args.y4m}:r=30",
                            "-t", "5", "-pix_fmt", "yuv420p", video], check=True)
        wait_healthy(url)
        device = subprocess.Popen([binary, "device", "--server", url, "--email", env["STREAMZ_EMAIL"], "--name", "bench",
                                   "--register", "--video", video, "--audio", "tone", "--loopback-only"],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        wait_line(device, "online as")

        source = f"{args.y4m} y4m" if args.y4m else "pattern"
        p50s, p95s = [], []
        for _ in range(max(1, args.latency_runs)):
            summary = watch(binary, url, env, args.quality, args.seconds)
            print(f"capture-to-decoded latency ({source}, {args.quality}, {summary['width']}x{summary['height']}, "
                  f"{summary['latencySamples']} frames over {args.seconds:g} s, "
                  f"{'estimated' if summary.get('latencyEstimated') else 'measured'}): "
                  f"p50 {summary['latencyP50Ms']} ms, p95 {summary['latencyP95Ms']} ms")
            if summary.get("latencyP50Ms") is not None:
                p50s.append(summary["latencyP50Ms"])
                p95s.append(summary["latencyP95Ms"])
        if len(p50s) > 1:
            print(f"  median of {len(p50s)} runs: p50 {statistics.median(p50s):.1f} ms, p95 {statistics.median(p95s):.1f} ms")

        # Each watch signs in with one token refresh, and the server allows 10 a minute from one
        # address: one run every 6.5 s stays under it (the runs take about 20 s of that).
        starts = []
        for _ in range(args.runs):
            began = time.monotonic()
            run = watch(binary, url, env, args.quality, 0.5)
            time.sleep(max(0.0, 6.5 - (time.monotonic() - began)))
            if run.get("timeToFirstFrameMs") is not None:
                starts.append(run["timeToFirstFrameMs"])
        if starts:
            print(f"session start to first decoded frame ({len(starts)} runs): median {statistics.median(starts):.1f} ms, "
                  f"min {min(starts):.1f} ms, max {max(starts):.1f} ms")
    finally:
        for process in (device, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
        # The Y4M clip is hundreds of megabytes.
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
