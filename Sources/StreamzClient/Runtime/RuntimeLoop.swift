#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC

/// The body of a `PeerRuntime`'s thread: poll() on the sockets and the wake pipe with the peer's
/// next timeout, feed what arrives, send what the peer asks for. Lives only on that thread.
final class RuntimeLoop {
    private let peer: RTCPeer
    private let sockets: [UDPSocket]
    private let wakeReader: Int32
    private let continuation: AsyncStream<RTCPeerEvent>.Continuation
    private let takeCommands: () -> ([PeerRuntime.Command], Bool)
    private var deadline: Instant?
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(peer: RTCPeer, sockets: [UDPSocket], wakeReader: Int32, continuation: AsyncStream<RTCPeerEvent>.Continuation,
         takeCommands: @escaping () -> ([PeerRuntime.Command], Bool)) {
        self.peer = peer
        self.sockets = sockets
        self.wakeReader = wakeReader
        self.continuation = continuation
        self.takeCommands = takeCommands
    }

    func run() {
        var descriptors = sockets.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        descriptors.append(pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0))
        // What the peer queued before the thread started (gathering requests) and its first deadline.
        flush()
        while true {
            let timeout = deadline.map { max(0, Int32(clamping: ($0 - MonotonicClock.now()).totalNanoseconds / 1_000_000 + 1)) } ?? -1
            _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
            var now = MonotonicClock.now()
            drainWakePipe()
            let (commands, closing) = takeCommands()
            for command in commands { command(peer, now) }
            if closing { break }
            for (index, socket) in sockets.enumerated() where descriptors[index].revents != 0 {
                while let (bytes, source) = socket.receive(into: &buffer) {
                    peer.handle(.receive(RTCPeerDatagram(bytes: bytes, source: source, socket: ICESocketID(index),
                                                         destination: socket.boundAddress)), now: now)
                }
            }
            now = MonotonicClock.now()
            if let deadline, deadline <= now { peer.handle(.timeout, now: now) }
            flush()
        }
        peer.close(now: MonotonicClock.now())
        flush()
        sockets.forEach { $0.close() }
        _ = Glibc.close(wakeReader)
        continuation.finish()
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &scratch, scratch.count) > 0 {}
    }

    /// Sends and reports everything the peer has, and keeps its next deadline.
    private func flush() {
        while true {
            switch peer.pollOutput() {
            case .transmit(let transmit):
                guard sockets.indices.contains(transmit.socket.rawValue) else { continue }
                sockets[transmit.socket.rawValue].send(transmit.bytes, to: transmit.destination)
            case .event(let event):
                continuation.yield(event)
            case .timeout(let next):
                deadline = next
                return
            }
        }
    }
}
