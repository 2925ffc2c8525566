/// The media identification extension (RFC 8843 §15): the `a=mid` of the
/// m-line a packet belongs to, as UTF-8 text.
public struct MidExtension: RTPHeaderExtensionValue, Hashable {
    public static let uri = "urn:ietf:params:rtp-hdrext:sdes:mid"

    public var mid: String

    public init(mid: String) { self.mid = mid }

    public init(extensionData: [UInt8]) throws(RTPError) {
        // Some senders pad the value with NULs to fill the element; they are not part of the id.
        var trimmed = extensionData[...]
        while trimmed.last == 0 { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty, let text = String(validating: trimmed, as: UTF8.self) else {
            throw .invalidExtensionValue("mid is not non-empty UTF-8")
        }
        mid = text
    }

    public var extensionData: [UInt8] { Array(mid.utf8) }
}
