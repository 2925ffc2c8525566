/// Turns RTP payloads of one codec back into codec bytes (pion's three-method shape).
///
/// The jitter buffer uses `isPartitionHead` to find where a frame starts and
/// `isPartitionTail` (normally the marker bit) to find where it ends; `unmarshal`
/// strips the payload format's own header so the pieces concatenate to a frame.
public protocol RTPDepacketizer: Sendable {
    associatedtype Failure: Error
    /// The codec bytes carried by this payload; throws on a malformed payload.
    func unmarshal(_ payload: [UInt8]) throws(Failure) -> [UInt8]
    /// Whether this payload starts a new frame.
    func isPartitionHead(_ payload: [UInt8]) -> Bool
    /// Whether this payload ends its frame.
    func isPartitionTail(marker: Bool, payload: [UInt8]) -> Bool
}
