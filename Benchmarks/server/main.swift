// Holds N simulated devices on the server's WebSocket with heartbeats, plus
// one viewer, against a release-build `streamz serve` it starts itself on
// 127.0.0.1. Prints, for each N: the time to connect all N, the server's RSS
// per connected device ((RSS with N - RSS idle) / N), and p50/p99 of the time
// from a device's socket closing to the viewer receiving its offline
// `device.status`.
//
// Usage: server-benchmark STREAMZ_BINARY [N ...]   (default N: 1000 5000)
import Foundation
import StreamzProtocol

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: server-benchmark STREAMZ_BINARY [N ...]\n".utf8))
    exit(2)
}
let binary = arguments[1]
let counts = arguments.count > 2 ? arguments[2...].compactMap { Int($0) } : [1000, 5000]
let offlineSamples = 200

raiseOpenFileLimit()
output("server-benchmark: \(counts.map(String.init).joined(separator: ", ")) devices, \(offlineSamples) offline samples each")
for count in counts {
    let result = try await measure(devices: count, binary: binary, offlineSamples: offlineSamples)
    output(result.report)
}

struct LoadFigures {
    var devices: Int
    var connectSeconds: Double
    var idleRSSKiB: Int
    var loadedRSSKiB: Int
    var offlineMs: [Double]

    var report: String {
        let perDevice = Double(loadedRSSKiB - idleRSSKiB) / Double(devices)
        let sorted = offlineMs.sorted()
        return String(
            format: "N=%d  connect all: %.2f s  RSS idle %.1f MiB, with N %.1f MiB  per device: %.2f KiB  offline→viewer p50 %.2f ms  p99 %.2f ms  (%d samples)",
            devices, connectSeconds, Double(idleRSSKiB) / 1024, Double(loadedRSSKiB) / 1024, perDevice,
            percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.count)
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return sorted[max(0, index)]
}

func measure(devices count: Int, binary: String, offlineSamples: Int) async throws -> LoadFigures {
    let server = try ServerProcess(binary: binary)
    defer { server.stop() }
    let api = BenchmarkAPI(port: server.port)
    try await api.waitUntilHealthy()
    let token = try await api.register(email: "bench-\(count)@example.com", password: "benchmark-password")
    let deviceIds = try await api.createDevices(count: count, token: token)
    progress("\(deviceIds.count) devices created")

    try await Task.sleep(for: .seconds(1))
    let idle = try server.residentKiB()

    let viewer = try await BenchmarkSocket.connect(port: server.port, token: token, role: .viewer, deviceId: nil)

    let started = ContinuousClock.now
    let sockets = try await withThrowingTaskGroup(of: BenchmarkSocket.self) { group in
        var connected: [BenchmarkSocket] = []
        var next = 0
        // At most 256 handshakes in flight: the server sees a burst, not a stampede of SYNs.
        func addNext() {
            guard next < deviceIds.count else { return }
            let id = deviceIds[next]
            next += 1
            group.addTask {
                let socket = try await BenchmarkSocket.connect(port: server.port, token: token, role: .device, deviceId: id)
                socket.startHeartbeats(every: .seconds(10))
                return socket
            }
        }
        for _ in 0..<min(256, deviceIds.count) { addNext() }
        while let socket = try await group.next() {
            connected.append(socket)
            addNext()
        }
        return connected
    }
    let connectSeconds = (ContinuousClock.now - started).secondsDouble
    progress("\(sockets.count) devices connected")

    try await Task.sleep(for: .seconds(2))
    let loaded = try server.residentKiB()
    progress("RSS measured")

    var offline: [Double] = []
    for socket in sockets.prefix(offlineSamples) {
        guard let id = socket.deviceId else { continue }
        let closedAt = ContinuousClock.now
        socket.close()
        try await viewer.awaitOffline(deviceId: id)
        offline.append((ContinuousClock.now - closedAt).secondsDouble * 1000)
        if offline.count % 50 == 0 { progress("\(offline.count) offline samples") }
    }
    for socket in sockets { socket.close() }
    viewer.close()
    return LoadFigures(devices: count, connectSeconds: connectSeconds, idleRSSKiB: idle, loadedRSSKiB: loaded, offlineMs: offline)
}

/// A figure line on stdout, written at once (stdout is a pipe under make).
func output(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Progress on stderr, so the figures on stdout stay clean.
func progress(_ text: String) {
    FileHandle.standardError.write(Data("  … \(text)\n".utf8))
}

func raiseOpenFileLimit() {
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
}

extension Duration {
    var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
