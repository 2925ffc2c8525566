#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import StreamzRTC

/// Drives one `RTCPeer` with real UDP sockets and the monotonic clock: the only place with sockets
/// and timers. One dedicated thread owns the peer and loops on `poll()` with the peer's next timeout;
/// async code talks to it through commands (woken by a self-pipe) and listens on `events`.
///
/// ```swift
/// let runtime = try PeerRuntime(PeerRuntime.Options(peer: config, loopbackOnly: true))
/// let answer = try await runtime.acceptOffer(offer)
/// for await event in runtime.events { ... }
/// runtime.close()                                 // fds closed, thread joined
/// ```
public final class PeerRuntime: Sendable {
    public struct Options: Sendable {
        public var peer: RTCPeerConfig
        /// Gather only 127.0.0.1 (tests); otherwise every IPv4 interface that is up.
        public var loopbackOnly: Bool
        public var includeLoopback: Bool

        public init(peer: RTCPeerConfig, loopbackOnly: Bool = false, includeLoopback: Bool = false) {
            self.peer = peer
            self.loopbackOnly = loopbackOnly
            self.includeLoopback = includeLoopback
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
        let addresses = UDPSocket.hostAddresses(includeLoopback: options.includeLoopback, loopbackOnly: options.loopbackOnly)
        guard !addresses.isEmpty else { throw Failure(description: "no IPv4 interface to gather a host candidate on") }
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

        let peer = RTCPeer(options.peer)
        for (index, socket) in sockets.enumerated() {
            peer.addLocalCandidate(address: socket.boundAddress, socket: ICESocketID(index))
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
        let accepted = state.shared.withLock { shared in
            guard !shared.closing else { return false }
            shared.commands.append(command)
            return true
        }
        if accepted { wake() }
        return accepted
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    // MARK: - What async code calls

    public func createOffer() async throws -> SessionDescription {
        try await perform { peer, _ in try peer.createOffer() }
    }

    public func applyAnswer(_ answer: SessionDescription) async throws {
        try await perform { peer, now in try peer.applyAnswer(answer, now: now) }
    }

    public func acceptOffer(_ offer: SessionDescription) async throws -> SessionDescription {
        try await perform { peer, now in try peer.acceptOffer(offer, now: now) }
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
                             iceState: peer.iceState, dropCounts: peer.dropCounts)
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
}
