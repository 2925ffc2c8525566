/// The 96-bit transaction identifier (RFC 8489 §5, §6.3.1: chosen uniformly at random).
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// `nil` unless exactly twelve bytes are given.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        self.bytes = Array(bytes)
    }

    /// A fresh identifier from the caller's generator (StreamzRTC never reads global randomness).
    public init(using generator: inout some RandomNumberGenerator) {
        bytes = (0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
