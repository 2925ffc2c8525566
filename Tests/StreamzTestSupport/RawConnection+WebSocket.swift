import Foundation

/// A bare WebSocket client over `RawConnection` (RFC 6455), so a test sees
/// the server's frames, the close frame among them, byte for byte.
extension RawConnection {
    public struct Frame: Equatable, Sendable {
        public let opcode: UInt8
        public let payload: [UInt8]

        public var text: String? { opcode == 0x1 ? String(decoding: payload, as: UTF8.self) : nil }

        /// The status code of a close frame (RFC 6455 §5.5.1), `nil` for other frames or an empty close.
        public var closeCode: UInt16? {
            guard opcode == 0x8, payload.count >= 2 else { return nil }
            return UInt16(payload[0]) << 8 | UInt16(payload[1])
        }
    }

    /// Connects and upgrades `/api/v1/ws` (RFC 6455 §4.1).
    public static func webSocket(port: Int) async throws -> RawConnection {
        let connection = try RawConnection(port: port)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try connection.send(
            "GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let (head, _) = await connection.read(until: { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") })
        let text = String(decoding: head, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 101") else { throw Failure(description: "no upgrade: \(text.prefix(200))") }
        // The server sends nothing before the client's `auth`, so the head is all that was read.
        return connection
    }

    /// One masked text frame, as a client must send it (RFC 6455 §5.3).
    public func sendText(_ text: String) throws {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try send(frame)
    }

    /// Frames until one satisfies `last` (included), or the socket ends.
    public func readFrames(until last: @escaping @Sendable (Frame) -> Bool) async -> (frames: [Frame], end: End) {
        let (bytes, end) = await read(until: { Self.frames(in: $0).contains(where: last) })
        return (Self.frames(in: bytes), end)
    }

    /// The whole unmasked server frames at the start of `bytes` (RFC 6455 §5.2).
    public static func frames(in bytes: [UInt8]) -> [Frame] {
        var frames: [Frame] = []
        var offset = 0
        while bytes.count - offset >= 2 {
            var length = Int(bytes[offset + 1] & 0x7f)
            var start = offset + 2
            if length == 126 {
                guard bytes.count >= start + 2 else { break }
                length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
                start += 2
            } else if length == 127 {
                guard bytes.count >= start + 8 else { break }
                length = bytes[start..<start + 8].reduce(0) { $0 << 8 | Int($1) }
                start += 8
            }
            guard length >= 0, bytes.count >= start + length else { break }
            frames.append(Frame(opcode: bytes[offset] & 0x0f, payload: Array(bytes[start..<start + length])))
            offset = start + length
        }
        return frames
    }
}
