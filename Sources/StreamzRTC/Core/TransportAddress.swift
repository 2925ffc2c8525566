/// An IPv4 or IPv6 address in network byte order.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    case v4(UInt8, UInt8, UInt8, UInt8)
    /// Sixteen bytes, most significant first.
    case v6([UInt8])

    public static let loopbackV4 = IPAddress.v4(127, 0, 0, 1)

    /// Parses dotted-quad IPv4 or colon-hex IPv6 text; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        if let v4 = Self.parseV4(text) {
            self = v4
        } else if let v6 = Self.parseV6(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    /// The address bytes: 4 for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        switch self {
        case let .v4(a, b, c, d): [a, b, c, d]
        case let .v6(bytes): bytes
        }
    }

    /// Builds an address from 4 or 16 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        switch array.count {
        case 4: self = .v4(array[0], array[1], array[2], array[3])
        case 16: self = .v6(array)
        default: return nil
        }
    }

    public var isIPv4: Bool {
        if case .v4 = self { return true }
        return false
    }

    public var isLoopback: Bool {
        switch self {
        case let .v4(a, _, _, _): a == 127
        case let .v6(bytes): bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
    }

    public var description: String {
        switch self {
        case let .v4(a, b, c, d):
            return "\(a).\(b).\(c).\(d)"
        case let .v6(bytes):
            // RFC 5952 §4.2.3: the longest run of two or more zero groups becomes "::".
            let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            var bestStart = -1, bestLength = 0, runStart = -1
            for (index, group) in groups.enumerated() {
                if group == 0 {
                    if runStart < 0 { runStart = index }
                    let length = index - runStart + 1
                    if length > bestLength { bestStart = runStart; bestLength = length }
                } else {
                    runStart = -1
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard bestLength >= 2 else { return hex.joined(separator: ":") }
            let head = hex[..<bestStart].joined(separator: ":")
            let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    private static func parseV4(_ text: some StringProtocol) -> IPAddress? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            octets.append(value)
        }
        return .v4(octets[0], octets[1], octets[2], octets[3])
    }

    private static func parseV6(_ text: some StringProtocol) -> [UInt8]? {
        // Drop a zone index ("fe80::1%eth0"): it is meaningful only to the local host.
        let address = Array(text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard !address.isEmpty else { return nil }
        var halves: [String] = []
        var current = ""
        var index = 0
        while index < address.count {
            if address[index] == ":", index + 1 < address.count, address[index + 1] == ":" {
                halves.append(current)
                current = ""
                index += 2
            } else {
                current.append(address[index])
                index += 1
            }
        }
        halves.append(current)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let missing = 8 - head.count - tail.count
        if halves.count == 2 {
            guard missing >= 1 else { return nil }
        } else {
            guard missing == 0 else { return nil }
        }
        let all = head + [UInt16](repeating: 0, count: missing) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}

/// An IP address and a UDP or TCP port: where a datagram came from or goes to.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    public var ip: IPAddress
    public var port: UInt16

    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    public var description: String {
        ip.isIPv4 ? "\(ip):\(port)" : "[\(ip)]:\(port)"
    }
}
