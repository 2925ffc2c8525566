/// RTP retransmission payload format (RFC 4588 §4): a retransmission travels on its own
/// SSRC and payload type with its own sequence numbers, and carries the original
/// sequence number (OSN) in the first two payload octets, before the original payload.
extension RTPPacket {
    /// This packet resent as RTX: same timestamp, marker and header extensions
    /// (§4: "the RTP header usage ... is the same as the original"), OSN prepended.
    public func retransmission(payloadType: UInt8, ssrc: UInt32, sequenceNumber: UInt16) -> RTPPacket {
        var header = self.header
        header.payloadType = payloadType
        header.ssrc = ssrc
        header.sequenceNumber = sequenceNumber
        let osn = self.header.sequenceNumber
        return RTPPacket(header: header, payload: [UInt8(osn >> 8), UInt8(osn & 0xFF)] + payload)
    }

    /// The original packet inside an RTX packet (§4), on the media SSRC and payload type.
    /// An RTX packet with no payload at all is padding (libwebrtc probes with them): it
    /// throws `truncated`, like any packet too short to hold the OSN.
    public init(unwrappingRetransmission rtx: RTPPacket, mediaPayloadType: UInt8, mediaSSRC: UInt32) throws(RTPError) {
        guard rtx.payload.count >= 2 else { throw .truncated }
        var header = rtx.header
        header.sequenceNumber = UInt16(rtx.payload[0]) << 8 | UInt16(rtx.payload[1])
        header.payloadType = mediaPayloadType
        header.ssrc = mediaSSRC
        self.init(header: header, payload: Array(rtx.payload[2...]))
    }
}
