import Foundation
import Testing
@testable import StreamzClient

/// Two homes behind MASQUERADE routers and a public network with coturn, built from network
/// namespaces (INTEROP-NOTES.md "Network namespaces, NAT, impairment"):
///
///     home A 192.168.10.2 ─ router A (192.168.10.1 | 10.99.1.2) ─┐
///                                                               public 10.99.1.1 (coturn), 10.99.2.1
///     home B 192.168.20.2 ─ router B (192.168.20.1 | 10.99.2.2) ─┘
///
/// The routers drop unsolicited inbound UDP in INPUT and FORWARD, so a check arriving before the
/// local side punched its hole leaves no conntrack entry that would make MASQUERADE move the port.
/// Our runtimes are created on a thread that entered a home namespace: their sockets stay there.
final class NATTopology: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Root and `ip`/`iptables`/`turnserver` present; under CI (`CI=true`) the test runs regardless and fails loudly.
    static var available: Bool {
        let tools = ["/usr/sbin/ip", "/usr/sbin/iptables", "/usr/bin/turnserver"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
        return (getuid() == 0 && tools) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static let stunServer = "10.99.1.1"
    static let routerWAN = ["10.99.1.2", "10.99.2.2"]
    static let homeHosts = ["192.168.10.2", "192.168.20.2"]

    let prefix: String
    var homes: [String] { [prefix + "ha", prefix + "hb"] }
    var routers: [String] { [prefix + "ra", prefix + "rb"] }
    var publicNet: String { prefix + "pub" }
    private var coturn: Process?

    init() throws {
        prefix = "sz\(getpid() % 100_000)\(UInt16.random(in: 0...UInt16.max) % 1000)"
        do {
            try build()
        } catch {
            tearDown()
            throw error
        }
    }

    private func build() throws {
        for name in homes + routers + [publicNet] { try Self.run("ip", "netns", "add", name) }
        for (index, side) in ["a", "b"].enumerated() {
            let home = homes[index], router = routers[index], net = index + 1
            let lan = "192.168.\(net * 10)"
            // veth pairs created directly inside their namespaces.
            try Self.run("ip", "link", "add", "h\(side)", "netns", home, "type", "veth", "peer", "name", "l\(side)", "netns", router)
            try Self.run("ip", "link", "add", "w\(side)", "netns", router, "type", "veth", "peer", "name", "p\(side)", "netns", publicNet)
            try exec(home, "ip", "addr", "add", "\(lan).2/24", "dev", "h\(side)")
            try exec(router, "ip", "addr", "add", "\(lan).1/24", "dev", "l\(side)")
            try exec(router, "ip", "addr", "add", "10.99.\(net).2/24", "dev", "w\(side)")
            try exec(publicNet, "ip", "addr", "add", "10.99.\(net).1/24", "dev", "p\(side)")
            for (namespace, device) in [(home, "h\(side)"), (router, "l\(side)"), (router, "w\(side)"), (publicNet, "p\(side)")] {
                try exec(namespace, "ip", "link", "set", device, "up")
            }
            for namespace in [home, router] { try exec(namespace, "ip", "link", "set", "lo", "up") }
            try exec(home, "ip", "route", "add", "default", "via", "\(lan).1")
            try exec(router, "ip", "route", "add", "default", "via", "10.99.\(net).1")
            try exec(router, "sysctl", "-qw", "net.ipv4.ip_forward=1")
            try exec(router, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "w\(side)", "-j", "MASQUERADE")
            for chain in ["INPUT", "FORWARD"] {
                try exec(router, "iptables", "-A", chain, "-i", "w\(side)", "-p", "udp", "-m", "conntrack", "--ctstate", "NEW", "-j", "DROP")
            }
        }
        try exec(publicNet, "ip", "link", "set", "lo", "up")
        try exec(publicNet, "sysctl", "-qw", "net.ipv4.ip_forward=1")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = ["netns", "exec", publicNet, "turnserver", "-n", "--listening-ip=\(Self.stunServer)",
                             "--listening-port=3478", "--stun-only", "--no-tls", "--no-dtls", "--no-cli",
                             "--log-file=stdout", "--simple-log", "--pidfile=/tmp/\(prefix)-turnserver.pid"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        coturn = process
    }

    /// Removes the namespaces (their veths go with them) and stops coturn. Idempotent.
    func tearDown() {
        if let coturn, coturn.isRunning {
            // coturn does not exit on SIGTERM while its relay threads run; it holds no state worth a clean stop.
            kill(coturn.processIdentifier, SIGKILL)
            coturn.waitUntilExit()
        }
        coturn = nil
        for name in homes + routers + [publicNet] { _ = try? Self.run("ip", "netns", "del", name) }
    }

    deinit { tearDown() }

    private func exec(_ namespace: String, _ arguments: String...) throws {
        try Self.run(["ip", "netns", "exec", namespace] + arguments)
    }

    static func run(_ arguments: String...) throws { try run(arguments) }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
    }

    /// Runs `body` on a fresh thread that entered `namespace` (setns affects only the calling thread),
    /// so sockets it opens live there. Blocks until it returns.
    func inNamespace<T>(_ namespace: String, _ body: @escaping () throws -> T) throws -> T {
        var result: Result<T, any Error> = .failure(Failure(description: "thread did not run"))
        let path = "/var/run/netns/\(namespace)"
        let thread = ThreadBody {
            // setns(2) through dlsym: Glibc's Swift module does not always export the _GNU_SOURCE prototype.
            typealias SetNS = @convention(c) (Int32, Int32) -> Int32
            let cloneNewNet: Int32 = 0x4000_0000
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else {
                result = .failure(Failure(description: "no setns in libc"))
                return
            }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0, unsafeBitCast(symbol, to: SetNS.self)(fd, cloneNewNet) == 0 else {
                result = .failure(Failure(description: "setns \(path): errno \(errno)"))
                if fd >= 0 { close(fd) }
                return
            }
            close(fd)
            result = Result { try body() }
        }
        let box = Unmanaged.passRetained(thread).toOpaque()
        var handle = pthread_t()
        let created = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, box)
        guard created == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            throw Failure(description: "pthread_create: \(created)")
        }
        pthread_join(handle, nil)
        return try result.get()
    }
}

/// A closure for a pthread; the caller joins the thread before reading what the closure wrote.
private final class ThreadBody: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
