#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import StreamzProtocol
import StreamzRTC

/// Drives one `RTCPeer` with real UDP sockets and the monotonic clock: the only place with sockets
/// and timers. One dedicated thread owns the peer and loops on `poll()` with the peer's next timeout;
/// async code talks to it through commands (woken by a self-pipe) and listens on `events`.
///
/// ```swift
/// let runtime = try PeerRuntime(PeerRuntime.Options(peer: config, iceServers: welcome.iceServers))
/// let answer = try await runtime.acceptOffer(offer)
/// for await event in runtime.events { ... }
/// runtime.close()                                 // fds closed, thread joined
/// ```
public final class PeerRuntime: Sendable {
    public enum AddressFamily: Hashable, Sendable {
        case ipv4, ipv6
    }

    public struct Options: Sendable {
        public var peer: RTCPeerConfig
        /// Gather only loopback (tests): 127.0.0.1, and ::1 when `addressFamilies` asks for IPv6;
        /// otherwise every interface address that is up (IPv6 link-local excluded).
        public var loopbackOnly: Bool
        public var includeLoopback: Bool
        /// PROTOCOL.md `iceServers`: `stun:` URLs are used for server-reflexive gathering (names
        /// resolved off the peer's thread); `turn:` URLs are parsed and kept for relay support.
        public var iceServers: [ICEServer]
        /// Which families to gather host candidates for; nil: IPv4 only with `loopbackOnly` (the
        /// interop tests' 127.0.0.1), both otherwise.
        public var addressFamilies: Set<AddressFamily>?

        public init(peer: RTCPeerConfig, loopbackOnly: Bool = false, includeLoopback: Bool = false,
                    iceServers: [ICEServer] = [], addressFamilies: Set<AddressFamily>? = nil) {
            self.peer = peer
            self.loopbackOnly = loopbackOnly
            self.includeLoopback = includeLoopback
            self.iceServers = iceServers
            self.addressFamilies = addressFamilies
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every peer event in order; finishes after `close()`.
    public let events: AsyncStream<RTCPeerEvent>
    /// The host addresses the sockets are bound to.
    public let localAddresses: [TransportAddress]
    private let state = CommandQueue()
    private let wakeWriter: Int32
    /// Every descriptor the runtime opened (sockets, both pipe ends): all closed by `close()`.
    let ownedDescriptors: [Int32]
    private let thread: Mutex<pthread_t?>

    typealias Command = @Sendable (RTCPeer, Instant) -> Void

    /// Commands for the thread and the closing flag, shared by the caller and the thread.
    final class CommandQueue: Sendable {
        struct Shared {
            var commands: [Command] = []
            var closing = false
        }

        let shared = Mutex(Shared())

        /// Takes the queued commands and whether the runtime is closing.
        func take() -> ([Command], Bool) {
            shared.withLock { shared in
                defer { shared.commands = [] }
                return (shared.commands, shared.closing)
            }
        }
    }

    public init(_ options: Options) throws {
        let families = options.addressFamilies ?? (options.loopbackOnly ? [.ipv4] : [.ipv4, .ipv6])
        let addresses = UDPSocket.hostAddresses(includeLoopback: options.includeLoopback, loopbackOnly: options.loopbackOnly,
                                                families: families)
        guard !addresses.isEmpty else { throw Failure(description: "no interface address (\(families)) to gather a host candidate on") }
        let servers = Self.parseICEServers(options.iceServers)
        var sockets: [UDPSocket] = []
        do {
            for address in addresses { sockets.append(try UDPSocket(binding: address)) }
        } catch {
            sockets.forEach { $0.close() }
            throw error
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            sockets.forEach { $0.close() }
            throw Failure(description: "pipe: errno \(errno)")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        wakeWriter = pipeEnds[1]
        ownedDescriptors = sockets.map(\.descriptor) + pipeEnds
        localAddresses = sockets.map(\.boundAddress)
        let (stream, continuation) = AsyncStream.makeStream(of: RTCPeerEvent.self)
        events = stream
        thread = Mutex(nil)

        iceServerURLs = servers.urls
        ignoredICEServerURLs = servers.ignored
        let peer = RTCPeer(options.peer)
        for (index, socket) in sockets.enumerated() {
            // RFC 8445 §5.1.2.1: each host candidate of a component gets its own local preference.
            peer.addLocalCandidate(address: socket.boundAddress, socket: ICESocketID(index),
                                   localPreference: UInt16(clamping: 65535 - index))
        }
        var names: [ICEServerURL] = []
        for url in servers.urls where url.isSTUN {
            switch url.host {
            case .ip(let ip): peer.addSTUNServer(TransportAddress(ip: ip, port: url.port), now: MonotonicClock.now())
            case .name: names.append(url)
            }
        }
        let loop = RuntimeLoop(peer: peer, sockets: sockets, wakeReader: pipeEnds[0], continuation: continuation,
                               takeCommands: { [state] in state.take() })
        let box = Unmanaged.passRetained(loop).toOpaque()
        var handle = pthread_t()
        let created = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            let loop = Unmanaged<RuntimeLoop>.fromOpaque(argument).takeRetainedValue()
            loop.run()
            return nil
        }, box)
        guard created == 0 else {
            Unmanaged<RuntimeLoop>.fromOpaque(box).release()
            sockets.forEach { $0.close() }
            _ = Glibc.close(pipeEnds[0])
            _ = Glibc.close(pipeEnds[1])
            throw Failure(description: "pthread_create: \(created)")
        }
        thread.withLock { $0 = handle }
        if !names.isEmpty { resolveSTUNServers(names) }
    }

    /// The parsed `iceServers` URLs (TURN ones included, for the relay work).
    public let iceServerURLs: [ICEServerURL]
    /// URLs that could not be used, with why; the others still work.
    public let ignoredICEServerURLs: [(url: String, reason: String)]

    static func parseICEServers(_ servers: [ICEServer]) -> (urls: [ICEServerURL], ignored: [(url: String, reason: String)]) {
        var urls: [ICEServerURL] = []
        var ignored: [(url: String, reason: String)] = []
        for text in servers.flatMap(\.urls) {
            do {
                let url = try ICEServerURL(parsing: text)
                if url.scheme == .stuns {
                    ignored.append((text, "stuns: needs STUN over TLS, which the runtime does not speak"))
                } else if !urls.contains(url) {
                    urls.append(url)
                }
            } catch {
                ignored.append((text, "\(error)"))
            }
        }
        return (urls, ignored)
    }

    /// Resolves STUN server names on a thread of their own (getaddrinfo blocks) and hands each
    /// address to the peer; a name that does not resolve just gathers nothing.
    private func resolveSTUNServers(_ urls: [ICEServerURL]) {
        // Without a thread the names gather nothing, like names that do not resolve.
        _ = HostResolver.detach { [weak self] in
            for url in urls {
                guard case .name(let name) = url.host else { continue }
                let addresses = HostResolver.resolve(name, port: url.port)
                guard let self else { return }
                for address in addresses {
                    self.submit { peer, now in peer.addSTUNServer(address, now: now) }
                }
            }
        }
    }

    deinit {
        close()
    }

    /// Runs `body` on the peer's thread and returns its result.
    func perform<T: Sendable>(_ body: @escaping @Sendable (RTCPeer, Instant) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = submit { peer, now in continuation.resume(with: Result { try body(peer, now) }) }
            if !accepted { continuation.resume(throwing: Failure(description: "runtime closed")) }
        }
    }

    /// Queues a command and wakes the thread; false once closing.
    @discardableResult
    func submit(_ command: @escaping Command) -> Bool {
        // Waking under the lock: `close()` marks closing under it before closing the pipe, so a
        // command submitted from another thread (the resolver) never writes to a closed descriptor.
        state.shared.withLock { shared in
            guard !shared.closing else { return false }
            shared.commands.append(command)
            wake()
            return true
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    // MARK: - What async code calls

    /// The device's offer. Called again after the answer, it makes a subsequent offer; with
    /// `iceRestart` that offer restarts ICE with fresh credentials (RFC 8445 §9): media stays on the
    /// current path until the new checks succeed, DTLS and SRTP are kept.
    public func createOffer(iceRestart: Bool = false) async throws -> SessionDescription {
        let credentials = iceRestart ? Self.freshCredentials() : nil
        return try await perform { peer, _ in try peer.createOffer(iceRestart: credentials) }
    }

    public func applyAnswer(_ answer: SessionDescription) async throws {
        try await perform { peer, now in try peer.applyAnswer(answer, now: now) }
    }

    /// The viewer's answer. A later offer with a new ufrag/password restarts ICE, answered with
    /// fresh credentials of ours (RFC 8839 §4.4.1.1.2).
    public func acceptOffer(_ offer: SessionDescription) async throws -> SessionDescription {
        let credentials = Self.freshCredentials()
        return try await perform { peer, now in try peer.acceptOffer(offer, now: now, restartCredentials: credentials) }
    }

    /// RFC 8839 §5.4: ufrag and password with at least 24 and 128 bits of randomness, from the system's generator.
    static func freshCredentials() -> ICECredentials {
        var generator = SystemRandomNumberGenerator()
        return ICECredentials.random(using: &generator)
    }

    public func addRemoteCandidate(_ candidate: String, sdpMid: String?, mLineIndex: Int?) async throws {
        try await perform { peer, now in try peer.addRemoteCandidate(candidate, sdpMid: sdpMid, mLineIndex: mLineIndex, now: now) }
    }

    public func addRemoteEndOfCandidates() async throws {
        try await perform { peer, now in peer.addRemoteEndOfCandidates(now: now) }
    }

    /// Protects and sends RTP packets (a frame's worth at once saves thread hops).
    public func sendRTP(_ packets: [RTPPacket]) async throws {
        try await perform { peer, now in for packet in packets { try peer.sendRTP(packet, now: now) } }
    }

    public func sendRTCP(_ packets: [RTCPPacket]) async throws {
        try await perform { peer, now in try peer.sendRTCP(packets, now: now) }
    }

    /// The selected pair, RTT and drop counts, read on the peer's thread.
    public func stats() async throws -> PeerRuntimeStats {
        try await perform { peer, _ in
            PeerRuntimeStats(selectedPair: peer.selectedPair, roundTripTime: peer.roundTripTime,
                             iceState: peer.iceState, dropCounts: peer.dropCounts,
                             gatheringState: peer.gatheringState, localCandidates: peer.localCandidates)
        }
    }

    /// Sends close_notify, stops the thread, closes the sockets and the pipe, finishes `events`.
    /// Idempotent; returns once the thread has exited.
    public func close() {
        let first = state.shared.withLock { shared in
            defer { shared.closing = true }
            return !shared.closing
        }
        guard first else { return }
        wake()
        if let handle = thread.withLock({ current -> pthread_t? in defer { current = nil }; return current }) {
            pthread_join(handle, nil)
        }
        _ = Glibc.close(wakeWriter)
    }
}

/// What `PeerRuntime.stats()` reports.
public struct PeerRuntimeStats: Sendable {
    public var selectedPair: RTCSelectedPair?
    public var roundTripTime: Duration?
    public var iceState: ICEConnectionState
    public var dropCounts: [String: Int]
    public var gatheringState: ICEGatheringState
    /// Host and server-reflexive candidates (and peer-reflexive ones learned from checks).
    public var localCandidates: [ICECandidate]
}
