# Streamz: the two set-up commands are `make demo` and `make test` (README.md).
# Both install what is missing first, as root or through sudo, without a prompt.

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
SWIFT ?= swift
export PATH := $(PATH):/opt/swift/usr/bin

# Debian packages the build needs, and those only the tests need.
BUILD_PKGS := libncursesw5-dev libssl-dev libsrtp2-dev libvpx-dev libopus-dev libsqlite3-dev pkg-config
TEST_PKGS := coturn chromium chromium-driver tmux iproute2 iptables ffmpeg python3-venv openssl gnutls-bin

VENV := .venv
PY_TEST_TOOLS := aiortc==1.16.0 numpy selenium websockets

.PHONY: deps deps-build deps-test venv build release test bench demo serve clean

deps: deps-build deps-test

deps-build:
	@./scripts/apt-ensure $(BUILD_PKGS)

deps-test: deps-build
	@./scripts/apt-ensure $(TEST_PKGS)

# The virtual environment for the interop peers (aiortc) and browser driving.
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PY_TEST_TOOLS)
	touch $@

build: deps-build
	$(SWIFT) build

release: deps-build
	$(SWIFT) build -c release

# Tests run one at a time: the live-server, browser and timer tests must not
# starve each other on a 2-core machine (see DECISIONS.md).
test: deps-test venv
	STREAMZ_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test --no-parallel

# mpv (its --vo=tct is the renderer the render benchmark compares against) and
# ffmpeg (makes and downscales the clip) only the benchmark needs.
BENCH_PKGS := mpv ffmpeg

bench: deps-build
	@./scripts/apt-ensure $(BENCH_PKGS)
	$(SWIFT) build -c release --product streamz
	$(SWIFT) build -c release --product render-benchmark
	$(SWIFT) build -c release --product server-benchmark
	$(SWIFT) build -c release --product media-benchmark
	.build/release/media-benchmark
	.build/release/render-benchmark 120
	.build/release/server-benchmark .build/release/streamz 1000 5000
	python3 Benchmarks/agent/session_bench.py --binary .build/release/streamz
	python3 Benchmarks/agent/session_bench.py --binary .build/release/streamz --y4m 1280x720 --runs 0 --latency-runs 3

demo: build
	./scripts/demo

serve: build
	$(SWIFT) run streamz serve

clean:
	rm -rf .build $(VENV)
